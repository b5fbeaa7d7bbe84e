// A TanStack Table rendered as a real <table>: sticky header, rows that open details on click, and — once the
// list is long — virtualised rows (only what is on screen is in the DOM; aria-rowcount/aria-rowindex keep the
// true size for screen readers). Reaching the end can load the next page; a visible button does the same for
// keyboard users. Below `md` each row is a card (cells wrap, each under its column's name), so a phone never has to
// scroll sideways to reach a status or a row's buttons; explicit ARIA roles keep it a table for screen readers.
// On a phone the table does not scroll on its own: the page is the one scroll area (an inner one under a thumb is
// hard to scroll past), so there rows are virtualised against the window instead of the table's box.
import { flexRender, type Row, type Table as TanstackTable } from '@tanstack/react-table';
import { useVirtualizer, useWindowVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { PHONE_QUERY, useMediaQuery } from '@/hooks/use-media-query';
import { cn } from '@/lib/utils';

/** Below md a row is a card: cells wrap side by side, each under its column's name (the cell's data-label). */
export const CARD_ROW = 'max-md:flex max-md:flex-wrap max-md:items-start max-md:gap-x-4 max-md:gap-y-2 max-md:px-3 max-md:py-3';
export const CARD_CELL =
  'max-md:block max-md:min-w-0 max-md:p-0 max-md:whitespace-normal max-md:empty:hidden max-md:before:block max-md:before:font-sans max-md:before:text-xs max-md:before:text-muted-foreground max-md:before:content-[attr(data-label)]';

const CORNER_CELL = 'max-md:absolute max-md:top-2 max-md:right-2 max-md:before:hidden';

export interface DataTableProps<T> {
  table: TanstackTable<T>;
  /** The table's accessible name. */
  label: string;
  onRowClick?: (row: Row<T>) => void;
  /** Marks the row whose details are open. */
  isRowActive?: (row: Row<T>) => boolean;
  /** Rows above this count are virtualised. */
  virtualizeFrom?: number;
  estimateRowHeight?: number;
  /** Called when the last rows come into view (infinite scroll). */
  onEndReached?: () => void;
  /** Below the rows: "load more", a count, a spinner. */
  footer?: ReactNode;
  /** The column (a row's open button) that sits in the card's top-right corner, level with its first line, on phones. */
  cornerColumn?: string;
  className?: string;
}

export function DataTable<T>({
  table,
  label,
  onRowClick,
  isRowActive,
  virtualizeFrom = 80,
  estimateRowHeight = 45,
  onEndReached,
  footer,
  cornerColumn,
  className,
}: DataTableProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = table.getRowModel().rows;
  const virtual = rows.length > virtualizeFrom;
  const columnCount = table.getVisibleLeafColumns().length;

  const phone = useMediaQuery(PHONE_QUERY);
  // The window virtualiser counts from the top of the page; the rows start this far down it.
  const [listTop, setListTop] = useState(0);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!phone || !virtual || !el) return;
    const top = Math.round(el.getBoundingClientRect().top + window.scrollY);
    if (top !== listTop) setListTop(top);
  });
  const boxVirtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimateRowHeight,
    overscan: 12,
    enabled: virtual && !phone,
  });
  const windowVirtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => estimateRowHeight,
    overscan: 12,
    scrollMargin: listTop,
    enabled: virtual && phone,
  });
  const virtualizer = phone ? windowVirtualizer : boxVirtualizer;
  const margin = phone ? listTop : 0;
  const items = virtual ? virtualizer.getVirtualItems() : [];
  const lastIndex = virtual ? (items[items.length - 1]?.index ?? -1) : rows.length - 1;

  // Infinite scroll: the last rendered row is near the end of what is loaded.
  const endRef = useRef(onEndReached);
  endRef.current = onEndReached;
  const nearEnd = virtual && rows.length > 0 && lastIndex >= rows.length - 5;
  useEffect(() => {
    if (nearEnd) endRef.current?.();
  }, [nearEnd, rows.length]);

  // Without virtualisation, watch the footer instead.
  const sentinelRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = sentinelRef.current;
    const box = scrollRef.current;
    if (virtual || !el || !box || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) endRef.current?.();
    }, { root: phone ? null : box, rootMargin: '200px' });
    observer.observe(el);
    return () => observer.disconnect();
  }, [virtual, phone, rows.length]);

  const rendered: { row: Row<T>; index: number }[] = virtual
    ? items.flatMap((item) => {
        const row = rows[item.index];
        return row ? [{ row, index: item.index }] : [];
      })
    : rows.map((row, index) => ({ row, index }));
  const padTop = virtual && items.length > 0 ? (items[0]?.start ?? margin) - margin : 0;
  const padBottom = virtual && items.length > 0 ? virtualizer.getTotalSize() - ((items[items.length - 1]?.end ?? margin) - margin) : 0;

  return (
    <div className={cn('overflow-hidden rounded-xl border bg-card shadow-xs', className)}>
      <div ref={scrollRef} className="relative max-h-[calc(100svh-15rem)] min-h-0 overflow-auto max-md:max-h-none max-md:overflow-visible">
        <table role="table" aria-label={label} aria-rowcount={rows.length + 1} className="w-full caption-bottom text-sm max-md:block">
          <thead role="rowgroup" className="sticky top-0 z-10 bg-card shadow-[inset_0_-1px_0_var(--color-border)] max-md:sr-only">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id} role="row" aria-rowindex={1}>
                {group.headers.map((header) => (
                  <th
                    key={header.id}
                    role="columnheader"
                    scope="col"
                    style={header.column.columnDef.size !== 150 ? { width: header.getSize() } : undefined}
                    className="h-10 px-3 text-left align-middle text-xs font-medium whitespace-nowrap text-muted-foreground"
                  >
                    {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody role="rowgroup" className="max-md:block">
            {padTop > 0 && (
              <tr aria-hidden="true">
                <td colSpan={columnCount} style={{ height: padTop, padding: 0 }} />
              </tr>
            )}
            {rendered.map(({ row, index }) => (
              <tr
                key={row.id}
                role="row"
                data-index={index}
                aria-rowindex={index + 2}
                aria-selected={row.getIsSelected() || undefined}
                data-active={isRowActive?.(row) || undefined}
                ref={virtual ? virtualizer.measureElement : undefined}
                onClick={
                  onRowClick
                    ? (event) => {
                        // Clicks on a control inside the row (checkbox, button, link) belong to that control.
                        if ((event.target as HTMLElement).closest('button, a, input, label, [role="checkbox"]')) return;
                        onRowClick(row);
                      }
                    : undefined
                }
                className={cn(
                  'border-b transition-colors last:border-0 hover:bg-muted/50 aria-selected:bg-muted/70 data-[active]:bg-accent',
                  CARD_ROW,
                  cornerColumn && 'max-md:relative max-md:pr-12',
                  onRowClick && 'cursor-pointer',
                )}
              >
                {row.getVisibleCells().map((cell) => (
                  <td
                    key={cell.id}
                    role="cell"
                    data-label={columnLabel(cell.column.columnDef.header)}
                    className={cn('px-3 py-2.5 align-middle', CARD_CELL, cell.column.id === cornerColumn && CORNER_CELL)}
                  >
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
            {padBottom > 0 && (
              <tr aria-hidden="true">
                <td colSpan={columnCount} style={{ height: padBottom, padding: 0 }} />
              </tr>
            )}
          </tbody>
        </table>
        <div ref={sentinelRef} aria-hidden="true" className="h-px" />
      </div>
      {footer && <div className="flex flex-wrap items-center justify-between gap-2 border-t px-3 py-2 text-xs text-muted-foreground">{footer}</div>}
    </div>
  );
}

/** The column's name to print above a cell in the card layout; headers that are components (checkboxes) get none. */
function columnLabel(header: unknown): string | undefined {
  return typeof header === 'string' ? header : undefined;
}
