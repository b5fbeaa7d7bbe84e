// Status and trigger badges, used wherever a send appears (logs, records, dashboard). Colour carries meaning only:
// green accepted/delivered, red failed, amber pending, grey skipped; each also has an icon, so colour is never
// the only signal. Trigger types are neutral outline badges.
import { Ban, CheckCheck, Clock, FlaskConical, Hand, Repeat, Send, XCircle, Zap, type LucideIcon } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Badge } from '@/components/ui/badge';
import type { SendStatus, TriggerType } from './filters';

export const STATUS_VARIANT: Record<SendStatus, 'success' | 'danger' | 'warning' | 'muted'> = {
  pending: 'warning',
  accepted: 'success',
  delivered: 'success',
  failed: 'danger',
  skipped: 'muted',
};

const STATUS_ICON: Record<SendStatus, LucideIcon> = {
  pending: Clock,
  accepted: Send,
  delivered: CheckCheck,
  failed: XCircle,
  skipped: Ban,
};

const TRIGGER_ICON: Record<TriggerType, LucideIcon> = {
  manual: Hand,
  auto: Zap,
  repeat: Repeat,
  test: FlaskConical,
};

export function isSendStatus(value: string): value is SendStatus {
  return value in STATUS_VARIANT;
}

export function isTriggerType(value: string): value is TriggerType {
  return value in TRIGGER_ICON;
}

export function useStatusLabel() {
  const { t } = useTranslation();
  return (status: string) => (isSendStatus(status) ? t(`status.${status}`) : status);
}

export function useTriggerLabel() {
  const { t } = useTranslation();
  const { t: tl } = useTranslation('logs');
  return (trigger: string): string => {
    if (trigger === 'manual' || trigger === 'auto' || trigger === 'repeat') return t(`trigger.${trigger}`);
    return trigger === 'test' ? tl('trigger.test') : trigger;
  };
}

export function SendStatusBadge({ status }: { status: string }) {
  const label = useStatusLabel();
  if (!isSendStatus(status)) return <Badge variant="outline">{status}</Badge>;
  const Icon = STATUS_ICON[status];
  return (
    <Badge variant={STATUS_VARIANT[status]}>
      <Icon aria-hidden="true" />
      {label(status)}
    </Badge>
  );
}

export function TriggerBadge({ trigger }: { trigger: string }) {
  const label = useTriggerLabel();
  const Icon = isTriggerType(trigger) ? TRIGGER_ICON[trigger] : Zap;
  return (
    <Badge variant="outline" className="text-muted-foreground">
      <Icon aria-hidden="true" />
      {label(trigger)}
    </Badge>
  );
}
