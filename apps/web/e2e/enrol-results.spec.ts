// Issue 15 parts 4–5 in the browser: switching a rule on offers "지금 조건에 맞는 N건에도 보내기"; the run sends once
// to each matching record with its progress in the rule's detail, the send log marks the sends, and the rule's
// results (detail and dashboard) count them — in the chart's table.
import { expect, test } from '@playwright/test';
import { leadPartition, templateId, trpcMutation } from './api';
import { logIn } from './fixtures';

test('enrol the records that already match, then read the rule’s results', async ({ page }) => {
  // Two background runs, their sends and four pages: longer than the default on a loaded machine.
  test.setTimeout(120_000);
  await page.goto('/login');
  await logIn(page);
  await expect(page.getByRole('navigation', { name: '주 메뉴' })).toBeVisible();

  // Three leads that exist before the rule, and one that does not match; names unique to this run.
  const tag = `일괄${Date.now()}`;
  const ruleName = `e2e 일괄 발송 ${tag}`;
  const partition = await leadPartition(page);
  const base = 20_000_000 + (Date.now() % 1_000_000) * 4;
  for (let i = 0; i < 4; i++) {
    const phone = `010${String(base + i).slice(-8)}`;
    await trpcMutation(page, 'records.create', { partitionId: partition.id, data: { 이름: i < 3 ? tag : `${tag}-아님`, 전화번호: phone, 상태: '신규' } });
  }
  await trpcMutation(page, 'templateLinks.create', {
    partitionId: partition.id,
    templateId: await templateId(page, 'SF_WELCOME'),
    name: ruleName,
    recipientField: '전화번호',
    variableMappings: { 이름: '이름', 전화번호: '전화번호' },
    triggerType: 'on_update',
    triggerCondition: { field: '이름', operator: 'eq', value: tag },
    cooldownHours: 0,
    isActive: false,
  });

  // Switching it on offers the records that match now, with the preview's count.
  await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '자동화', exact: true }).click();
  const row = page.getByRole('main').getByRole('row', { name: new RegExp(ruleName) });
  await row.getByRole('switch', { name: `'${ruleName}' 규칙 켜기` }).click();
  await expect(page.getByText(`'${ruleName}' 규칙: 지금 조건에 맞는 레코드가 3건 있습니다`)).toBeVisible();
  await page.getByRole('button', { name: '3건에도 보내기' }).click();
  await expect(page.getByText(`'${ruleName}' 규칙: 지금 조건에 맞는 레코드에 보내기 시작했습니다`)).toBeVisible();

  // The rule's detail shows the run's result once the worker has walked the partition.
  await row.getByRole('button', { name: ruleName, exact: true }).click();
  const detail = page.getByRole('dialog', { name: ruleName });
  await expect(detail.getByText(/완료: 3건 발송 · 0건 건너뜀 \(3건 확인\)/)).toBeVisible({ timeout: 30_000 });
  await expect(detail.getByLabel('일괄 발송 결과')).toHaveText('보냄 3');
  // Everything that matched was sent to: nothing left to offer but the same three, which are not sent again.
  await detail.getByRole('button', { name: '지금 조건에 맞는 3건에도 보내기' }).click();
  await expect(detail.getByText(/완료: 0건 발송 · 3건 건너뜀/)).toBeVisible({ timeout: 30_000 });
  await expect(detail.getByLabel('일괄 발송 결과')).toHaveText('이미 보냄 3');
  // Nothing was skipped for a reason that ends by itself, so there is nothing to retry.
  await expect(detail.getByRole('button', { name: /다시 보내기/ })).toHaveCount(0);

  // Its results: the table under the chart counts the three sends (accepted or already delivered).
  const results = detail.getByRole('table', { name: '규칙 성과' });
  await expect(results.getByRole('row', { name: /^발송 3$/ })).toBeVisible({ timeout: 30_000 });
  await expect(detail.getByRole('img', { name: '규칙 성과 단계별 건수' })).toBeVisible();
  await detail.getByRole('button', { name: '최근 30일' }).click();
  await expect(detail.getByRole('button', { name: '최근 30일' })).toHaveAttribute('aria-pressed', 'true');
  await expect(results.getByRole('row', { name: /^발송 3$/ })).toBeVisible();
  await page.keyboard.press('Escape');

  // The send log marks the enrolled sends.
  await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '발송 로그' }).click();
  const logRows = page.getByRole('table', { name: '발송 로그 목록' }).getByRole('row').filter({ hasText: ruleName });
  await expect(logRows).toHaveCount(3);
  for (const logRow of await logRows.all()) await expect(logRow).toContainText('기존 레코드 일괄 발송');

  // The dashboard's per-rule table has the same figures.
  await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '대시보드' }).click();
  const overview = page.getByRole('table', { name: '규칙별 성과' });
  const ruleRow = overview.getByRole('row', { name: new RegExp(ruleName) });
  await expect(ruleRow).toBeVisible();
  await expect(ruleRow.getByRole('cell').nth(3)).toHaveText('3');
  await expect(page.getByRole('img', { name: '규칙별 발송·전달·실패 건수' })).toBeVisible();
});

test.describe('retrying the skipped', () => {
  test.afterEach(async ({ page }) => {
    // Leave the seeded org as other specs expect it: no cap.
    await trpcMutation(page, 'deliverySettings.update', { frequencyCap: null });
  });

  test('the run’s tally names the frequency-cap skip, and “건너뛴 1건 다시 보내기” sends to it once the cap allows', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto('/login');
    await logIn(page);
    await expect(page.getByRole('navigation', { name: '주 메뉴' })).toBeVisible();

    // Four leads, two of them sharing a number; 응답완료 so no seeded rule sends to them on create.
    const tag = `재시도${Date.now()}`;
    const ruleName = `e2e 건너뜀 다시 보내기 ${tag}`;
    const partition = await leadPartition(page);
    const base = 30_000_000 + (Date.now() % 1_000_000) * 4;
    const phones = [0, 1, 2, 2].map((i) => `010${String(base + i).slice(-8)}`);
    for (const phone of phones) {
      await trpcMutation(page, 'records.create', { partitionId: partition.id, data: { 이름: tag, 전화번호: phone, 상태: '응답완료' } });
    }
    // One automatic message per number a day: the second record on the shared number is capped.
    await trpcMutation(page, 'deliverySettings.update', { frequencyCap: { limit: 1, periodHours: 24 } });
    await trpcMutation(page, 'templateLinks.create', {
      partitionId: partition.id,
      templateId: await templateId(page, 'SF_WELCOME'),
      name: ruleName,
      recipientField: '전화번호',
      variableMappings: { 이름: '이름', 전화번호: '전화번호' },
      triggerType: 'on_update',
      triggerCondition: { field: '이름', operator: 'eq', value: tag },
      cooldownHours: 0,
      isActive: true,
    });

    await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '자동화', exact: true }).click();
    const row = page.getByRole('main').getByRole('row', { name: new RegExp(ruleName) });
    await row.getByRole('button', { name: ruleName, exact: true }).click();
    const detail = page.getByRole('dialog', { name: ruleName });
    await detail.getByRole('button', { name: '지금 조건에 맞는 4건에도 보내기' }).click();
    await expect(detail.getByText(/완료: 3건 발송 · 1건 건너뜀 \(4건 확인\)/)).toBeVisible({ timeout: 30_000 });
    await expect(detail.getByLabel('일괄 발송 결과')).toHaveText('보냄 3 · 빈도 제한 1');
    // The rule's history says, per record, what the run did.
    await detail.getByRole('button', { name: '실행 기록 새로고침' }).click();
    const history = detail.getByRole('list', { name: '최근 실행 기록' });
    await expect(history.getByRole('listitem').filter({ hasText: '일괄 발송' })).toHaveCount(4);
    await expect(history.getByRole('listitem').filter({ hasText: '빈도 제한' })).toHaveCount(1);

    // With the cap lifted, the retry sends to the capped record only.
    await trpcMutation(page, 'deliverySettings.update', { frequencyCap: null });
    await detail.getByRole('button', { name: '건너뛴 1건 다시 보내기' }).click();
    await expect(detail.getByText('건너뛴 레코드 다시 보내기')).toBeVisible();
    await expect(detail.getByText(/완료: 1건 발송 · 0건 건너뜀 \(1건 확인\)/)).toBeVisible({ timeout: 30_000 });
    await expect(detail.getByLabel('일괄 발송 결과')).toHaveText('보냄 1');
    await expect(detail.getByRole('button', { name: /다시 보내기/ })).toHaveCount(0);

    // Four sends, one per record, and the one skip: the send log's rows for this rule.
    await page.keyboard.press('Escape');
    await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '발송 로그' }).click();
    const logRows = page.getByRole('table', { name: '발송 로그 목록' }).getByRole('row').filter({ hasText: ruleName });
    await expect(logRows).toHaveCount(5);
    await expect(logRows.filter({ hasText: '빈도 제한' })).toHaveCount(1);
  });
});
