// Choosing who a manual send goes to, in the records table: ticked rows, or — one click further — every record
// the current search matches (not only the loaded page). Changing partition or search clears the choice.
import { useQuery } from '@tanstack/react-query';
import type { ColumnDef, RowSelectionState } from '@tanstack/react-table';
import { Send } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import type { RecordItem } from '@/features/logs/api-types';
import type { FieldDef } from '@/features/records/record-form';
import { recordTitle } from '@/features/records/record-title';
import { formatNumber } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import { ManualSendDialog } from './send-dialog';
import type { ManualTargets } from './types';

const MAX_MATCHING = 5000;

export function useRecordSelection(partitionId: string | null, search: string) {
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [allMatching, setAllMatching] = useState(false);
  useEffect(() => {
    setRowSelection({});
    setAllMatching(false);
  }, [partitionId, search]);
  const clear = () => {
    setRowSelection({});
    setAllMatching(false);
  };
  return { rowSelection, setRowSelection, allMatching, setAllMatching, clear };
}

export type RecordSelection = ReturnType<typeof useRecordSelection>;

/** The first column: a checkbox per row and one in the header for every loaded row. */
export function selectColumn(fields: FieldDef[], label: (key: 'selectAll' | 'selectRow', name?: string) => string): ColumnDef<RecordItem> {
  return {
    id: 'select',
    size: 40,
    header: ({ table }) => (
      <Checkbox
        aria-label={label('selectAll')}
        checked={table.getIsAllRowsSelected()}
        ref={(el) => {
          if (el) el.indeterminate = table.getIsSomeRowsSelected();
        }}
        onChange={table.getToggleAllRowsSelectedHandler()}
      />
    ),
    cell: ({ row }) => (
      <Checkbox
        aria-label={label('selectRow', recordTitle(fields, row.original.data ?? {}) ?? row.original.id)}
        checked={row.getIsSelected()}
        onChange={row.getToggleSelectedHandler()}
      />
    ),
  };
}

export function SelectionBar({ selection, partitionId, search }: { selection: RecordSelection; partitionId: string; search: string }) {
  const { t, i18n } = useTranslation('send');
  const lang = i18n.resolvedLanguage ?? 'ko';
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const { rowSelection, allMatching } = selection;
  const recordIds = useMemo(() => Object.keys(rowSelection).filter((id) => rowSelection[id]), [rowSelection]);
  const active = recordIds.length > 0 || allMatching;
  const count = useQuery(trpc.records.count.queryOptions({ partitionId, ...(search ? { search } : {}) }, { enabled: active }));
  const matching = count.data?.count ?? 0;
  const targets = useMemo<ManualTargets>(
    () => (allMatching ? { kind: 'matching', search, count: matching } : { kind: 'rows', recordIds }),
    [allMatching, search, matching, recordIds],
  );
  if (!active) return null;
  const n = formatNumber(selection.allMatching ? matching : recordIds.length, lang);
  const selectedText = selection.allMatching
    ? search
      ? t('selection.allMatching', { count: n })
      : t('selection.allRecords', { count: n })
    : t('selection.selected', { count: n });
  return (
    <div role="region" aria-label={selectedText} className="flex flex-wrap items-center gap-3 rounded-lg border border-primary/30 bg-primary/5 px-4 py-2 text-sm">
      <span className="font-medium">{selectedText}</span>
      {!selection.allMatching && matching > recordIds.length && !count.data?.capped && (
        <Button size="sm" variant="outline" onClick={() => selection.setAllMatching(true)}>
          {search ? t('selection.selectAllMatching', { count: formatNumber(matching, lang) }) : t('selection.selectAllRecords', { count: formatNumber(matching, lang) })}
        </Button>
      )}
      {count.data?.capped && <span className="text-muted-foreground">{t('selection.capped', { max: formatNumber(MAX_MATCHING, lang) })}</span>}
      <Button size="sm" onClick={() => setOpen(true)}>
        <Send aria-hidden="true" />
        {t('selection.send')}
      </Button>
      <Button size="sm" variant="ghost" onClick={selection.clear}>
        {t('selection.clear')}
      </Button>
      <ManualSendDialog partitionId={partitionId} targets={targets} open={open} onOpenChange={setOpen} onSent={selection.clear} />
    </div>
  );
}
