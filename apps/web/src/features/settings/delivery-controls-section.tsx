// 발송 가능 시간, 빈도 제한, 공휴일: the org-wide delivery controls (issue 15). The server validates with the same
// automation-core schemas the send path reads, so what is saved here is exactly what decides a send.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { CalendarDays, Clock, Gauge, Trash2 } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { DEFAULT_SEND_WINDOW, describeSendWindow, SUGGESTED_FREQUENCY_CAP, WEEKDAYS, type FrequencyCap, type SendWindow, type Weekday } from '@alimflow/automation-core';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { DateInput } from '@/components/ui/date-input';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { describeError } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';

/** Days, hours and the holiday switch of one window; shared by the org default and a rule's own window. */
export function SendWindowFields({ value, onChange, disabled, idPrefix }: { value: SendWindow; onChange: (next: SendWindow) => void; disabled?: boolean; idPrefix: string }) {
  const { t } = useTranslation('settings');
  const toggle = (day: Weekday, on: boolean) =>
    onChange({ ...value, days: WEEKDAYS.filter((d) => (d === day ? on : value.days.includes(d))) });
  return (
    <div className="space-y-3">
      <fieldset className="flex flex-wrap gap-3" disabled={disabled}>
        <legend className="mb-1 text-sm font-medium">{t('delivery.window.days')}</legend>
        {WEEKDAYS.map((day) => (
          <label key={day} className="flex items-center gap-1.5 text-sm">
            <Checkbox checked={value.days.includes(day)} onChange={(e) => toggle(day, e.target.checked)} />
            {t(`delivery.weekday.${day}`)}
          </label>
        ))}
      </fieldset>
      <div className="flex flex-wrap items-end gap-3">
        <div className="space-y-1">
          <Label htmlFor={`${idPrefix}-start`}>{t('delivery.window.start')}</Label>
          <Input id={`${idPrefix}-start`} type="time" value={value.start} disabled={disabled} onChange={(e) => onChange({ ...value, start: e.target.value })} />
        </div>
        <div className="space-y-1">
          <Label htmlFor={`${idPrefix}-end`}>{t('delivery.window.end')}</Label>
          <Input id={`${idPrefix}-end`} value={value.end} placeholder="20:00" disabled={disabled} onChange={(e) => onChange({ ...value, end: e.target.value })} />
        </div>
        <label className="flex items-center gap-1.5 pb-2 text-sm">
          <Checkbox checked={value.skipHolidays} disabled={disabled} onChange={(e) => onChange({ ...value, skipHolidays: e.target.checked })} />
          {t('delivery.window.skipHolidays')}
        </label>
      </div>
    </div>
  );
}

/** Toast and refetch for every delivery-settings mutation. */
function useDeliveryHandlers(success: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { t: tc } = useTranslation();
  return {
    onSuccess: async () => {
      toast.success(success);
      await queryClient.invalidateQueries(trpc.deliverySettings.pathFilter());
    },
    onError: (err: unknown) => toast.error(describeError(err, tc)),
  };
}

function WindowCard({ initial, canEdit }: { initial: SendWindow | null; canEdit: boolean }) {
  const { t, i18n } = useTranslation('settings');
  const trpc = useTRPC();
  const [enabled, setEnabled] = useState(initial !== null);
  const [window, setWindow] = useState<SendWindow>(initial ?? DEFAULT_SEND_WINDOW);
  const id = useId();
  const save = useMutation(trpc.deliverySettings.update.mutationOptions(useDeliveryHandlers(t('delivery.saved'))));
  const lang = i18n.resolvedLanguage?.startsWith('en') ? 'en' : 'ko';
  return (
    <Card className="mb-4">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <Clock className="size-4" aria-hidden /> {t('delivery.window.title')}
        </CardTitle>
        <CardDescription>{t('delivery.window.description')}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-3">
        <label className="flex items-center gap-2 text-sm">
          <Checkbox id={`${id}-on`} checked={enabled} disabled={!canEdit} onChange={(e) => setEnabled(e.target.checked)} />
          {t('delivery.window.enable')}
        </label>
        {enabled && <SendWindowFields value={window} onChange={setWindow} disabled={!canEdit} idPrefix={`${id}-org`} />}
        <p className="text-sm text-muted-foreground" data-testid="org-window-summary">
          {describeSendWindow(initial, lang)}
        </p>
        {canEdit && (
          <Button onClick={() => save.mutate({ sendWindow: enabled ? window : null })} disabled={save.isPending}>
            {t('delivery.window.save')}
          </Button>
        )}
      </CardContent>
    </Card>
  );
}

function CapCard({ initial, canEdit }: { initial: FrequencyCap | null; canEdit: boolean }) {
  const { t } = useTranslation('settings');
  const trpc = useTRPC();
  const [enabled, setEnabled] = useState(initial !== null);
  const [limit, setLimit] = useState(String((initial ?? SUGGESTED_FREQUENCY_CAP).limit));
  const [hours, setHours] = useState(String((initial ?? SUGGESTED_FREQUENCY_CAP).periodHours));
  const id = useId();
  const save = useMutation(trpc.deliverySettings.update.mutationOptions(useDeliveryHandlers(t('delivery.saved'))));
  return (
    <Card className="mb-4">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <Gauge className="size-4" aria-hidden /> {t('delivery.cap.title')}
        </CardTitle>
        <CardDescription>{t('delivery.cap.description')}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-3">
        <label className="flex items-center gap-2 text-sm">
          <Checkbox checked={enabled} disabled={!canEdit} onChange={(e) => setEnabled(e.target.checked)} />
          {t('delivery.cap.enable')}
        </label>
        {enabled && (
          <div className="flex flex-wrap items-end gap-3">
            <div className="space-y-1">
              <Label htmlFor={`${id}-hours`}>{t('delivery.cap.periodHours')}</Label>
              <Input id={`${id}-hours`} inputMode="numeric" className="w-24" value={hours} disabled={!canEdit} onChange={(e) => setHours(e.target.value)} />
            </div>
            <div className="space-y-1">
              <Label htmlFor={`${id}-limit`}>{t('delivery.cap.limit')}</Label>
              <Input id={`${id}-limit`} inputMode="numeric" className="w-24" value={limit} disabled={!canEdit} onChange={(e) => setLimit(e.target.value)} />
            </div>
          </div>
        )}
        <p className="text-sm text-muted-foreground">{t('delivery.cap.manualNote')}</p>
        {canEdit && (
          <Button onClick={() => save.mutate({ frequencyCap: enabled ? { limit: Number(limit), periodHours: Number(hours) } : null })} disabled={save.isPending}>
            {t('delivery.cap.save')}
          </Button>
        )}
      </CardContent>
    </Card>
  );
}

function HolidaysCard({ holidays, canEdit }: { holidays: { date: string; name: string }[]; canEdit: boolean }) {
  const { t } = useTranslation('settings');
  const trpc = useTRPC();
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const id = useId();
  const add = useMutation(trpc.deliverySettings.addHoliday.mutationOptions(useDeliveryHandlers(t('delivery.holidays.added'))));
  const remove = useMutation(trpc.deliverySettings.removeHoliday.mutationOptions(useDeliveryHandlers(t('delivery.holidays.removed'))));
  const preload = useMutation(trpc.deliverySettings.preloadHolidays.mutationOptions(useDeliveryHandlers(t('delivery.holidays.preloaded'))));
  return (
    <Card className="mb-4">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <CalendarDays className="size-4" aria-hidden /> {t('delivery.holidays.title')}
        </CardTitle>
        <CardDescription>{t('delivery.holidays.description')}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-3">
        {canEdit && (
          <form
            className="flex flex-wrap items-end gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              add.mutate({ date, name }, { onSuccess: () => (setDate(''), setName('')) });
            }}
          >
            <div className="space-y-1">
              <Label htmlFor={`${id}-date`}>{t('delivery.holidays.date')}</Label>
              <DateInput id={`${id}-date`} value={date} onChange={setDate} />
            </div>
            <div className="space-y-1">
              <Label htmlFor={`${id}-name`}>{t('delivery.holidays.name')}</Label>
              <Input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} />
            </div>
            <Button type="submit" disabled={add.isPending}>
              {t('delivery.holidays.add')}
            </Button>
            <Button type="button" variant="outline" onClick={() => preload.mutate()} disabled={preload.isPending}>
              {t('delivery.holidays.preload')}
            </Button>
          </form>
        )}
        {holidays.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t('delivery.holidays.empty')}</p>
        ) : (
          <ul className="divide-y rounded-md border text-sm sm:max-h-72 sm:overflow-y-auto" aria-label={t('delivery.holidays.title')}>
            {holidays.map((h) => (
              <li key={h.date} className="flex items-center justify-between px-3 py-1.5">
                <span>
                  <span className="font-mono tabular-nums">{h.date}</span> {h.name}
                </span>
                {canEdit && (
                  <Button variant="ghost" size="sm" aria-label={t('delivery.holidays.remove', { date: h.date })} onClick={() => remove.mutate({ date: h.date })}>
                    <Trash2 className="size-4" aria-hidden />
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

export function DeliveryControlsSection({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const { t: tc } = useTranslation();
  const settings = useQuery(trpc.deliverySettings.get.queryOptions());
  if (settings.isPending) return null;
  if (settings.isError) return <p className="mb-4 text-sm text-destructive">{describeError(settings.error, tc)}</p>;
  const key = JSON.stringify([settings.data.sendWindow, settings.data.frequencyCap]);
  return (
    <section aria-label="delivery-controls">
      <WindowCard key={`w${key}`} initial={settings.data.sendWindow} canEdit={canEdit} />
      <CapCard key={`c${key}`} initial={settings.data.frequencyCap} canEdit={canEdit} />
      <HolidaysCard holidays={settings.data.holidays} canEdit={canEdit} />
    </section>
  );
}
