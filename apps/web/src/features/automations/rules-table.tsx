// The list of rules (TanStack Table): what each sends, to whom, when, how often — and a switch to turn it on/off.
import type { FieldDefinition } from '@alimflow/automation-core';
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { AlertTriangle, Eye, MoreHorizontal, Pencil, Send, Trash2 } from 'lucide-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from '@/components/ui/dropdown-menu';
import { Switch } from '@/components/ui/switch';
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { Tooltip, TooltipContent, TooltipTrigger } from '@/components/ui/tooltip';
import type { Link, Partition } from './api-types';
import { TemplateStatusBadge, TriggerBadge } from './badges';
import { conditionSentence, cooldownShort, langOf, repeatSummary } from './text';

export interface RuleActions {
  canEdit: boolean;
  onOpen: (link: Link) => void;
  onEdit: (link: Link) => void;
  onTestSend: (link: Link) => void;
  onDelete: (link: Link) => void;
  onToggle: (link: Link, isActive: boolean) => void;
}

const column = createColumnHelper<Link>();

export function RulesTable({
  links,
  partitions,
  showPartition,
  actions,
}: {
  links: Link[];
  partitions: Partition[];
  /** Off when the list is filtered to one partition. */
  showPartition: boolean;
  actions: RuleActions;
}) {
  const { t, i18n } = useTranslation('automations');
  const lang = langOf(i18n.resolvedLanguage);
  const fieldsOf = useMemo(() => {
    const map = new Map(partitions.map((p) => [p.id, p.fields]));
    return (id: string): FieldDefinition[] => map.get(id) ?? [];
  }, [partitions]);

  const columns = useMemo(
    () => [
      column.accessor('name', {
        header: () => t('list.columns.name'),
        cell: ({ row }) => {
          const link = row.original;
          return (
            <div className="flex min-w-28 items-start gap-1.5 whitespace-normal">
              <Button variant="link" className="h-auto shrink p-0 text-left font-semibold whitespace-normal text-foreground" onClick={() => actions.onOpen(link)}>
                {link.name}
              </Button>
              {link.problems.length > 0 && (
                <Tooltip>
                  <TooltipTrigger asChild>
                    <span tabIndex={0} className="inline-flex text-red-700" aria-label={`${t('list.needsAttention')}: ${link.problems.join(' ')}`}>
                      <AlertTriangle className="size-4" aria-hidden="true" />
                    </span>
                  </TooltipTrigger>
                  <TooltipContent>{link.problems.join(' ')}</TooltipContent>
                </Tooltip>
              )}
            </div>
          );
        },
      }),
      column.accessor('partitionName', { header: () => t('list.columns.partition'), cell: (info) => info.getValue() }),
      column.accessor((l) => l.template.name, {
        id: 'template',
        header: () => t('list.columns.template'),
        cell: ({ row }) => {
          const { template } = row.original;
          return (
            <div className="min-w-28 space-y-1 whitespace-normal">
              <div>{template.name}</div>
              <div className="flex items-center gap-1.5">
                <TemplateStatusBadge status={template.status} />
                {!template.sendable && (
                  <Tooltip>
                    <TooltipTrigger asChild>
                      <span tabIndex={0} className="inline-flex text-amber-700" aria-label={t('templateNotApproved')}>
                        <AlertTriangle className="size-3.5" aria-hidden="true" />
                      </span>
                    </TooltipTrigger>
                    <TooltipContent>{t('templateNotApproved')}</TooltipContent>
                  </Tooltip>
                )}
              </div>
            </div>
          );
        },
      }),
      column.display({
        id: 'condition',
        header: () => t('list.columns.triggerAndCondition'),
        cell: ({ row }) => (
          <div className="min-w-44 space-y-1 whitespace-normal">
            <TriggerBadge triggerType={row.original.triggerType} />
            {row.original.triggerType !== 'manual' && (
              <p>{conditionSentence(row.original.triggerCondition, fieldsOf(row.original.partitionId), lang)}</p>
            )}
          </div>
        ),
      }),
      column.display({
        id: 'repeat',
        header: () => t('list.columns.repeat'),
        cell: ({ row }) =>
          row.original.repeatConfig ? (
            <div className="min-w-40 space-y-1 whitespace-normal">
              <Badge variant="warning">{t('trigger.repeat')}</Badge>
              <p>{repeatSummary(row.original.repeatConfig, fieldsOf(row.original.partitionId), t, lang)}</p>
            </div>
          ) : (
            <span className="text-muted-foreground">{t('summary.noRepeat')}</span>
          ),
      }),
      column.accessor('cooldownHours', {
        header: () => t('list.columns.cooldown'),
        // The phone card hides the header row, so the bare "24시간" needs its label beside it there.
        cell: (info) => (
          <>
            <span aria-hidden="true" className="md:hidden">
              {t('list.columns.cooldown')}:{' '}
            </span>
            {cooldownShort(info.getValue(), t)}
          </>
        ),
      }),
      column.accessor('isActive', {
        header: () => t('list.columns.active'),
        cell: ({ row }) => (
          <Switch
            checked={row.original.isActive}
            disabled={!actions.canEdit}
            aria-label={t('list.toggle', { name: row.original.name })}
            onCheckedChange={(checked) => actions.onToggle(row.original, checked)}
          />
        ),
      }),
      column.display({
        id: 'actions',
        header: () => <span className="sr-only">{t('list.columns.actions')}</span>,
        cell: ({ row }) => {
          const link = row.original;
          return (
            <DropdownMenu>
              <DropdownMenuTrigger asChild>
                <Button variant="ghost" size="icon" aria-label={t('actions.rowMenu', { name: link.name })}>
                  <MoreHorizontal aria-hidden="true" />
                </Button>
              </DropdownMenuTrigger>
              <DropdownMenuContent align="end">
                <DropdownMenuItem onSelect={() => actions.onOpen(link)}>
                  <Eye aria-hidden="true" />
                  {t('actions.details')}
                </DropdownMenuItem>
                {actions.canEdit && (
                  <>
                    <DropdownMenuItem onSelect={() => actions.onEdit(link)}>
                      <Pencil aria-hidden="true" />
                      {t('actions.edit')}
                    </DropdownMenuItem>
                    <DropdownMenuItem onSelect={() => actions.onTestSend(link)}>
                      <Send aria-hidden="true" />
                      {t('actions.testSend')}
                    </DropdownMenuItem>
                    <DropdownMenuSeparator />
                    <DropdownMenuItem variant="destructive" onSelect={() => actions.onDelete(link)}>
                      <Trash2 aria-hidden="true" />
                      {t('actions.delete')}
                    </DropdownMenuItem>
                  </>
                )}
              </DropdownMenuContent>
            </DropdownMenu>
          );
        },
      }),
    ],
    [t, lang, actions, fieldsOf],
  );

  const table = useReactTable({
    data: links,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
    state: { columnVisibility: { partitionName: showPartition } },
  });

  return (
    <div className="rounded-xl border bg-card">
      {/* Below md each rule is a card (cells wrap), so its switch and menu stay on a phone's screen; the explicit
          roles keep it a table for screen readers once the layout stops being one. */}
      <Table role="table" className="max-md:block">
        <TableCaption className="sr-only">{t('list.caption')}</TableCaption>
        <TableHeader role="rowgroup" className="max-md:sr-only">
          {table.getHeaderGroups().map((group) => (
            <TableRow key={group.id} role="row" className="hover:bg-transparent">
              {group.headers.map((header) => (
                <TableHead key={header.id} role="columnheader" className="px-2.5">
                  {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                </TableHead>
              ))}
            </TableRow>
          ))}
        </TableHeader>
        <TableBody role="rowgroup" className="max-md:block">
          {table.getRowModel().rows.map((row) => (
            <TableRow
              key={row.id}
              role="row"
              data-state={row.original.isActive ? undefined : 'off'}
              className="data-[state=off]:text-muted-foreground max-md:flex max-md:flex-wrap max-md:items-start max-md:gap-x-4 max-md:gap-y-2 max-md:px-3 max-md:py-3"
            >
              {row.getVisibleCells().map((cell) => (
                <TableCell key={cell.id} role="cell" className="px-2.5 py-3 align-top max-md:block max-md:min-w-0 max-md:p-0 max-md:whitespace-normal">
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

