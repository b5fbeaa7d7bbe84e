// The filters above the send-log table. Every change goes to the URL (the page reads it back), so the view can be
// bookmarked and shared; typing in the number filter waits for a pause before it does.
import { useQuery } from '@tanstack/react-query';
import { FilterX, X } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { DateInput } from '@/components/ui/date-input';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { useTRPC } from '@/lib/trpc';
import { useStatusLabel, useTriggerLabel } from './badges';
import { hasLogFilters, SEND_STATUSES, TRIGGER_TYPES, type LogFilters } from './filters';

const ALL = 'all';

function FilterSelect({
  label,
  allLabel,
  value,
  options,
  onChange,
}: {
  label: string;
  allLabel: string;
  value: string | undefined;
  options: { value: string; label: string }[];
  onChange: (value: string | undefined) => void;
}) {
  const id = useId();
  return (
    <div className="min-w-0 space-y-1.5">
      <Label htmlFor={id} className="text-xs text-muted-foreground">
        {label}
      </Label>
      <Select value={value ?? ALL} onValueChange={(next) => onChange(next === ALL ? undefined : next)}>
        <SelectTrigger id={id} className="w-full bg-background">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={ALL}>{allLabel}</SelectItem>
          {options.map((option) => (
            <SelectItem key={option.value} value={option.value}>
              {option.label}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </div>
  );
}

export function LogFiltersBar({
  filters,
  onChange,
  onReset,
}: {
  filters: LogFilters;
  onChange: (patch: Partial<LogFilters>, options?: { replace?: boolean }) => void;
  onReset: () => void;
}) {
  const { t } = useTranslation('logs');
  const statusLabel = useStatusLabel();
  const triggerLabel = useTriggerLabel();
  const trpc = useTRPC();
  const rules = useQuery(trpc.templateLinks.list.queryOptions(undefined, { staleTime: 60_000 }));
  const templates = useQuery(trpc.templates.list.queryOptions(undefined, { staleTime: 60_000 }));
  const recipientId = useId();
  const fromId = useId();
  const toId = useId();

  // The number filter is typed: keep the keystrokes local and write the URL after a short pause.
  const [recipient, setRecipient] = useState(filters.recipient ?? '');
  useEffect(() => setRecipient(filters.recipient ?? ''), [filters.recipient]);
  useEffect(() => {
    const value = recipient.trim();
    if (value === (filters.recipient ?? '')) return;
    const id = window.setTimeout(() => onChange({ recipient: value || undefined }, { replace: true }), 400);
    return () => window.clearTimeout(id);
  }, [recipient, filters.recipient, onChange]);

  const ruleOptions = (rules.data ?? []).map((r) => ({ value: r.id, label: r.name }));
  if (filters.rule && !ruleOptions.some((o) => o.value === filters.rule)) {
    ruleOptions.push({ value: filters.rule, label: t('filters.deletedRule', { name: filters.rule.slice(0, 8) }) });
  }
  const templateOptions = [...new Map((templates.data ?? []).map((tpl) => [tpl.templateCode, `${tpl.name} (${tpl.templateCode})`]))].map(
    ([value, label]) => ({ value, label }),
  );
  if (filters.template && !templateOptions.some((o) => o.value === filters.template)) {
    templateOptions.push({ value: filters.template, label: filters.template });
  }

  return (
    <form role="search" aria-label={t('filters.label')} className="space-y-3 rounded-xl border bg-card p-4 shadow-xs" onSubmit={(e) => e.preventDefault()}>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <FilterSelect
          label={t('filters.trigger')}
          allLabel={t('filters.allTriggers')}
          value={filters.trigger}
          options={TRIGGER_TYPES.map((value) => ({ value, label: triggerLabel(value) }))}
          onChange={(value) => onChange({ trigger: value as LogFilters['trigger'] })}
        />
        <FilterSelect
          label={t('filters.status')}
          allLabel={t('filters.allStatuses')}
          value={filters.status}
          options={SEND_STATUSES.map((value) => ({ value, label: statusLabel(value) }))}
          onChange={(value) => onChange({ status: value as LogFilters['status'] })}
        />
        <FilterSelect label={t('filters.rule')} allLabel={t('filters.allRules')} value={filters.rule} options={ruleOptions} onChange={(rule) => onChange({ rule })} />
        <FilterSelect
          label={t('filters.template')}
          allLabel={t('filters.allTemplates')}
          value={filters.template}
          options={templateOptions}
          onChange={(template) => onChange({ template })}
        />
        <div className="min-w-0 space-y-1.5">
          <Label htmlFor={recipientId} className="text-xs text-muted-foreground">
            {t('filters.recipient')}
          </Label>
          <Input
            id={recipientId}
            type="search"
            inputMode="tel"
            autoComplete="off"
            className="bg-background"
            placeholder={t('filters.recipientPlaceholder')}
            value={recipient}
            onChange={(e) => setRecipient(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') onChange({ recipient: recipient.trim() || undefined }, { replace: true });
            }}
          />
        </div>
        <div className="min-w-0 space-y-1.5">
          <Label htmlFor={fromId} className="text-xs text-muted-foreground">
            {t('filters.from')}
          </Label>
          <DateInput id={fromId} className="bg-background" value={filters.from ?? ''} max={filters.to} onChange={(day) => onChange({ from: day || undefined })} />
        </div>
        <div className="min-w-0 space-y-1.5">
          <Label htmlFor={toId} className="text-xs text-muted-foreground">
            {t('filters.to')}
          </Label>
          <DateInput id={toId} className="bg-background" value={filters.to ?? ''} min={filters.from} onChange={(day) => onChange({ to: day || undefined })} />
        </div>
        {filters.from && filters.to && filters.from > filters.to && (
          // The query reads a reversed range the way it was meant (toSendLogQuery); say so instead of doing it silently.
          <p role="status" className="col-span-full text-sm text-amber-700 dark:text-amber-400">
            {t('filters.reversedRange', { from: filters.to, to: filters.from })}
          </p>
        )}
        <div className="col-span-2 flex min-w-0 flex-wrap items-end justify-end gap-2 md:col-span-1">
          {filters.record && (
            <span className="inline-flex h-9 items-center gap-1 rounded-md border bg-muted/50 pr-1 pl-2 text-xs">
              {t('filters.record')}
              <Button type="button" variant="ghost" size="icon" className="size-6" aria-label={t('filters.clearRecord')} onClick={() => onChange({ record: undefined })}>
                <X aria-hidden="true" />
              </Button>
            </span>
          )}
          {(hasLogFilters(filters) || filters.record) && (
            <Button type="button" variant="ghost" onClick={onReset}>
              <FilterX aria-hidden="true" />
              {t('filters.reset')}
            </Button>
          )}
        </div>
      </div>
    </form>
  );
}
