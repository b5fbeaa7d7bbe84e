// Issue 15 part 5 for a repeat rule: the goal rate is the share of series that ended because the stop condition
// became true. Two leads start a reminder series through the real worker; one replies (상태 → 응답완료, the stop
// condition), the other's series is stopped by hand — so the rule's detail says 50 % (1 of 2 ended) and the time
// from the first message to the goal, and the dashboard's per-rule table gives the same rate.
import { expect, test } from '@playwright/test';
import { leadPartition, templateId, trpcMutation, trpcQuery, uniquePhone } from './api';
import { logIn } from './fixtures';

interface SeriesPage {
  items: { id: string; recordId: string; status: string; endReason: string | null }[];
}

test('a repeat rule’s goal rate counts the series that reached the stop condition', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/login');
  await logIn(page);
  await expect(page.getByRole('navigation', { name: '주 메뉴' })).toBeVisible();

  const tag = `목표${Date.now()}`;
  const ruleName = `e2e 목표 달성 ${tag}`;
  const partition = await leadPartition(page);
  const link = await trpcMutation<{ id: string }>(page, 'templateLinks.create', {
    partitionId: partition.id,
    templateId: await templateId(page, 'SF_REMIND'),
    name: ruleName,
    recipientField: '전화번호',
    variableMappings: { 이름: '이름', 상태: '상태' },
    triggerType: 'on_create',
    triggerCondition: { field: '이름', operator: 'eq', value: tag },
    repeatConfig: { intervalHours: 24, maxRepeat: 3, stopCondition: { field: '상태', operator: 'eq', value: '응답완료' } },
    cooldownHours: 0,
  });
  const leads: { id: string; data: Record<string, string> }[] = [];
  for (let i = 0; i < 2; i++) {
    const data = { 이름: tag, 전화번호: uniquePhone().display, 상태: '신규' };
    const record = await trpcMutation<{ id: string }>(page, 'records.create', { partitionId: partition.id, data });
    leads.push({ id: record.id, data });
  }

  // Each series opens once its first send is accepted (the worker, then the fake NHN).
  const seriesOf = () => trpcQuery<SeriesPage>(page, 'repeats.list', { linkId: link.id });
  await expect(async () => expect((await seriesOf()).items.filter((s) => s.status === 'pending')).toHaveLength(2)).toPass({ timeout: 30_000 });

  // The first lead replies: its series ends with the goal reached. The second's is stopped by hand.
  await trpcMutation(page, 'records.update', { id: leads[0]!.id, data: { ...leads[0]!.data, 상태: '응답완료' } });
  await expect(async () => {
    const series = (await seriesOf()).items.find((s) => s.recordId === leads[0]!.id);
    expect(series).toMatchObject({ status: 'completed', endReason: 'stop_condition_met' });
  }).toPass({ timeout: 30_000 });
  const second = (await seriesOf()).items.find((s) => s.recordId === leads[1]!.id)!;
  await trpcMutation(page, 'repeats.cancel', { id: second.id });

  await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '자동화', exact: true }).click();
  const row = page.getByRole('main').getByRole('row', { name: new RegExp(ruleName) });
  await row.getByRole('button', { name: ruleName, exact: true }).click();
  const detail = page.getByRole('dialog', { name: ruleName });
  const goal = detail.getByLabel('반복 발송 목표').getByRole('definition').filter({ hasText: /건 중/ });
  await expect(detail.getByLabel('반복 발송 목표')).toBeVisible({ timeout: 30_000 });
  await expect(goal).toHaveText('50% (끝난 2건 중 1건)');
  // The lead replied within seconds of its first message.
  await expect(detail.getByLabel('반복 발송 목표')).toContainText('0분');
  await page.keyboard.press('Escape');

  await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '대시보드' }).click();
  const ruleRow = page.getByRole('table', { name: '규칙별 성과' }).getByRole('row', { name: new RegExp(ruleName) });
  await expect(ruleRow).toContainText('50%');
});
