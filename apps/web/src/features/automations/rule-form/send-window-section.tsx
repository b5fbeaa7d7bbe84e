// "이 규칙만 다른 발송 시간 사용": a rule inherits the org's send window unless it sends any time (urgent notices)
// or has its own days and hours. Unticking goes back to the org's window.
import { DEFAULT_SEND_WINDOW, describeSendWindow, type SendWindow } from '@alimflow/automation-core';
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Checkbox } from '@/components/ui/checkbox';
import { SendWindowFields } from '@/features/settings/delivery-controls-section';
import type { RuleFormValues } from '../draft';
import { BuilderSection, useMessage } from './form-bits';

export function SendWindowSection({ ids }: { ids: string }) {
  const { t, i18n } = useTranslation('automations');
  const msg = useMessage();
  const { control, setValue, formState } = useFormContext<RuleFormValues>();
  const value = useWatch({ control, name: 'sendWindow' });
  const set = (next: RuleFormValues['sendWindow']) => setValue('sendWindow', next, { shouldDirty: true, shouldValidate: true });
  const own = value.mode !== 'inherit';
  const custom: SendWindow = value.mode === 'custom' ? value.window : DEFAULT_SEND_WINDOW;
  const lang = i18n.resolvedLanguage?.startsWith('en') ? 'en' : 'ko';
  const error = msg(formState.errors.sendWindow?.message);

  return (
    <BuilderSection index={5} id={`${ids}-s5w`} title={t('builder.sections.sendWindow')}>
      <label className="flex items-center gap-2 text-sm">
        <Checkbox checked={own} onChange={(e) => set(e.target.checked ? { mode: 'custom', window: custom } : { mode: 'inherit' })} />
        {t('builder.sendWindow.override')}
      </label>
      {!own && <p className="text-sm text-muted-foreground">{t('builder.sendWindow.inherit')}</p>}
      {own && (
        <div className="space-y-3 pl-6">
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name={`${ids}-sw-mode`} checked={value.mode === 'always'} onChange={() => set({ mode: 'always' })} />
            {t('builder.sendWindow.always')}
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="radio" name={`${ids}-sw-mode`} checked={value.mode === 'custom'} onChange={() => set({ mode: 'custom', window: custom })} />
            {t('builder.sendWindow.custom')}
          </label>
          {value.mode === 'custom' && <SendWindowFields value={custom} onChange={(window) => set({ mode: 'custom', window })} idPrefix={`${ids}-sw`} />}
          <p className="text-sm">{describeSendWindow(value.mode === 'custom' ? custom : null, lang)}</p>
        </div>
      )}
      {error && <p className="text-sm text-destructive">{error}</p>}
    </BuilderSection>
  );
}
