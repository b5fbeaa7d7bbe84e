import { describe, expect, it } from 'vitest';
import { dayRows, lastDays, statusCounts, totals, visibleTriggers } from './stats';

describe('dashboard stats', () => {
  it('takes the last 14 days in Korea time, today included', () => {
    // 2026-03-14 16:00 UTC is already 2026-03-15 01:00 in Seoul.
    expect(lastDays(Date.UTC(2026, 2, 14, 16), 14)).toEqual({ from: '2026-03-02', to: '2026-03-15', today: '2026-03-15' });
  });

  const days = [{ day: '2026-03-13' }, { day: '2026-03-14' }, { day: '2026-03-15' }];
  const rows = [
    { day: '2026-03-14', triggerType: 'auto', status: 'delivered', count: 5 },
    { day: '2026-03-14', triggerType: 'auto', status: 'failed', count: 1 },
    { day: '2026-03-14', triggerType: 'repeat', status: 'accepted', count: 2 },
    { day: '2026-03-15', triggerType: 'manual', status: 'failed', count: 3 },
    { day: '2026-03-15', triggerType: 'auto', status: 'pending', count: 1 },
    { day: '2026-01-01', triggerType: 'auto', status: 'pending', count: 9 },
  ];

  it('adds up each day per trigger type, keeping empty days', () => {
    expect(dayRows(days, rows)).toEqual([
      { day: '2026-03-13', auto: 0, repeat: 0, manual: 0, test: 0, total: 0 },
      { day: '2026-03-14', auto: 6, repeat: 2, manual: 0, test: 0, total: 8 },
      { day: '2026-03-15', auto: 1, repeat: 0, manual: 3, test: 0, total: 4 },
    ]);
    expect(totals(dayRows(days, rows))).toMatchObject({ auto: 7, repeat: 2, manual: 3, total: 12 });
  });

  it("counts today's sends per status", () => {
    expect(statusCounts(rows, '2026-03-15')).toEqual({ pending: 1, accepted: 0, delivered: 0, failed: 3, skipped: 0 });
  });

  it('shows test sends only when there were some', () => {
    expect(visibleTriggers(dayRows(days, rows))).toEqual(['auto', 'repeat', 'manual']);
    expect(visibleTriggers(dayRows(days, [{ day: '2026-03-13', triggerType: 'test', status: 'accepted', count: 1 }]))).toEqual(['auto', 'repeat', 'manual', 'test']);
  });
});
