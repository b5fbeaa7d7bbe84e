// The words the CSV export is written in: the header row and the trigger, status and reason columns in the
// language on screen (the server keeps a code column next to each, for machines). The SPA owns the translations,
// so it sends them along with the filters.
import { SEND_LOG_EXPORT_COLUMNS, SEND_REASONS, SEND_STATUSES, SEND_TRIGGER_TYPES } from '@alimflow/automation-core';
import { useTranslation } from 'react-i18next';
import type { SendLogExportLabels } from './api-types';
import { useStatusLabel, useTriggerLabel } from './badges';


export function useExportLabels(): () => SendLogExportLabels {
  const { t, i18n } = useTranslation('logs');
  const statusLabel = useStatusLabel();
  const triggerLabel = useTriggerLabel();
  return () => ({
    headers: Object.fromEntries(SEND_LOG_EXPORT_COLUMNS.map((key) => [key, t(`export.columns.${key}`)])) as SendLogExportLabels['headers'],
    triggerType: Object.fromEntries(SEND_TRIGGER_TYPES.map((code) => [code, triggerLabel(code)])) as SendLogExportLabels['triggerType'],
    status: Object.fromEntries(SEND_STATUSES.map((code) => [code, statusLabel(code)])) as SendLogExportLabels['status'],
    // Only the reasons a send log can carry have words in this namespace; any other stays a code.
    fallback: { sent: t('fallback.sent'), failed: t('fallback.failed') },
    reason: Object.fromEntries(
      SEND_REASONS.filter((code) => i18n.exists(`reason.${code}`, { ns: 'logs' })).map((code) => [code, t(`reason.${code}` as 'reason.cooldown')]),
    ),
  });
}
