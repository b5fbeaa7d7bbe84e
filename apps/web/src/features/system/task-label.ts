import type { TFunction } from 'i18next';

/** A readable name for a graphile-worker task id ("automation.evaluate" → 레코드 변경 평가); unknown ids as they are. */
export function taskLabel(task: string, t: TFunction<'system'>): string {
  return t(`tasks.${task.replace(/\./g, '_')}`, { defaultValue: task });
}
