// Badges with the colours ui.md fixes: green sent/approved, red failed/rejected, amber pending/repeating/in
// review, grey skipped/off; outline for trigger types.
import { SEND_STATUSES, type SendStatus } from '@alimflow/automation-core';
import { useTranslation } from 'react-i18next';
import { Badge } from '@/components/ui/badge';
import type { AutomationEvent, Link } from './api-types';

type TemplateStatus = 'TSC01' | 'TSC02' | 'TSC03' | 'TSC04';

export function TemplateStatusBadge({ status }: { status: TemplateStatus }) {
  const { t } = useTranslation('automations');
  const variant = status === 'TSC03' ? 'success' : status === 'TSC04' ? 'danger' : 'warning';
  return <Badge variant={variant}>{t(`templateStatus.${status}`)}</Badge>;
}

/** 수동, or 자동 with when (생성 시 / 수정 시). */
export function TriggerBadge({ triggerType }: { triggerType: Link['triggerType'] }) {
  const { t } = useTranslation('automations');
  if (triggerType === 'manual') return <Badge variant="outline">{t('trigger.manual')}</Badge>;
  return (
    <span className="inline-flex items-center gap-1.5">
      <Badge variant="outline">{t('trigger.auto')}</Badge>
      <span className="text-xs text-muted-foreground">
        {t(triggerType === 'on_create' ? 'trigger.onCreateShort' : 'trigger.onUpdateShort')}
      </span>
    </span>
  );
}

const DECISIONS = ['fired', 'skipped', 'completed', 'cancelled'] as const;

export function DecisionBadge({ decision }: { decision: AutomationEvent['decision'] }) {
  const { t } = useTranslation('automations');
  if (!(DECISIONS as readonly string[]).includes(decision))
    return <Badge variant="outline">{decision}</Badge>;
  const d = decision as (typeof DECISIONS)[number];
  const variant = d === 'fired' ? 'success' : d === 'completed' ? 'outline' : 'muted';
  return <Badge variant={variant}>{t(`events.decision.${d}`)}</Badge>;
}

export function SendStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('automations');
  if (!(SEND_STATUSES as readonly string[]).includes(status))
    return <Badge variant="outline">{status}</Badge>;
  const s = status as SendStatus;
  const variant =
    s === 'delivered' || s === 'accepted'
      ? 'success'
      : s === 'failed'
        ? 'danger'
        : s === 'pending'
          ? 'warning'
          : 'muted';
  return <Badge variant={variant}>{t(`sendStatus.${s}`)}</Badge>;
}
