// The funnel's stages in order, and the wording of a time span, shared by the rule detail and the dashboard.
import type { TFunction } from 'i18next';

export const FUNNEL_STAGES = ['evaluated', 'matched', 'sent', 'delivered', 'failed', 'fallbackSent'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];
export type FunnelCounts = Record<FunnelStage, number>;
export type ResultDays = 7 | 30;

export const STAGE_COLORS: Record<FunnelStage, string> = {
  evaluated: '#a3a3a3',
  matched: '#737373',
  sent: '#404040',
  delivered: '#16a34a',
  failed: '#dc2626',
  fallbackSent: '#f59e0b',
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "1일 12시간", "3시간 20분", "5분": a median time to the goal as a sales team reads it. */
export function durationText(ms: number, t: TFunction<'results'>): string {
  if (ms >= DAY) return t('results.duration.days', { days: Math.floor(ms / DAY), hours: Math.floor((ms % DAY) / HOUR) });
  if (ms >= HOUR) return t('results.duration.hours', { hours: Math.floor(ms / HOUR), minutes: Math.floor((ms % HOUR) / MINUTE) });
  return t('results.duration.minutes', { minutes: Math.max(0, Math.round(ms / MINUTE)) });
}
