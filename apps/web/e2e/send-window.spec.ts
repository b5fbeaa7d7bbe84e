// Issue 15 send window and frequency cap, set on 설정 the way an admin does, and seen in 발송 로그.
import { expect, test, type Page } from '@playwright/test';
import { leadPartition, templateId, trpcMutation, uniquePhone } from './api';
import { logIn } from './fixtures';

const KST_DAYS = ['일', '월', '화', '수', '목', '금', '토'];

async function openSettings(page: Page) {
  await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '설정' }).click();
  await expect(page.getByText('발송 가능 시간 사용')).toBeVisible();
}

async function welcomeRule(page: Page, ruleName: string, leadName: string) {
  const partition = await leadPartition(page);
  await trpcMutation(page, 'templateLinks.create', {
    partitionId: partition.id,
    templateId: await templateId(page, 'SF_WELCOME'),
    name: ruleName,
    recipientField: '전화번호',
    variableMappings: { 이름: '이름', 전화번호: '전화번호' },
    triggerType: 'on_create',
    triggerCondition: { field: '이름', operator: 'eq', value: leadName },
    cooldownHours: 0,
  });
  return partition;
}

async function logRowsFor(page: Page, phone: string, text: string) {
  await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '발송 로그' }).click();
  await page.getByLabel('수신 번호').fill(phone);
  const table = page.getByRole('table', { name: '발송 로그 목록' });
  const row = table.getByRole('row').filter({ hasText: text });
  await expect(async () => {
    await page.reload();
    await expect(row.first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 40_000, intervals: [500, 1_000, 2_000] });
  return { table, row };
}

test.afterEach(async ({ page }) => {
  // Leave the seeded org as other specs expect it: no window, no cap.
  await trpcMutation(page, 'deliverySettings.update', { sendWindow: null, frequencyCap: null });
});

// Two worker round trips and several settings saves on a loaded machine: a budget, not a timing assertion.
test.setTimeout(240_000);

test('a send outside the window waits in 발송 로그 with the opening; a cap of 1 skips the second rule', async ({ page }) => {
  await page.goto('/login');
  await logIn(page);
  await expect(page.getByRole('navigation', { name: '주 메뉴' })).toBeVisible();

  // A window closed now: every day but today (KST), all day.
  await openSettings(page);
  await page.getByText('발송 가능 시간 사용').click();
  const today = KST_DAYS[new Date(Date.now() + 9 * 3_600_000).getUTCDay()]!;
  for (const day of KST_DAYS) {
    const box = page.getByRole('checkbox', { name: day, exact: true });
    if (day === today) await box.uncheck();
    else await box.check();
  }
  await page.getByLabel('시작', { exact: true }).fill('00:00');
  await page.getByLabel('종료 (24:00 = 자정까지)').fill('24:00');
  await page.getByRole('checkbox', { name: '공휴일에는 보내지 않음' }).uncheck();
  await page.getByRole('button', { name: '발송 가능 시간 저장' }).click();
  await expect(page.getByTestId('org-window-summary')).toContainText('00:00–24:00');

  const waiting = { name: `대기테스트 ${Date.now()}`, phone: uniquePhone() };
  const windowRule = `e2e 창 ${Date.now()}`;
  const partition = await welcomeRule(page, windowRule, waiting.name);
  await trpcMutation(page, 'records.create', { partitionId: partition.id, data: { 이름: waiting.name, 전화번호: waiting.phone.display, 상태: '신규' } });
  const held = await logRowsFor(page, waiting.phone.display, '발송 가능 시간까지 대기');
  await expect(held.row.first()).toContainText(/발송 가능 시간까지 대기 \((내일|모레|\d+월 \d+일 .요일) 00:00\)/);

  // The rule builder's preview says the same of the record that matches it now, before anything is sent.
  await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '자동화', exact: true }).click();
  await page.getByRole('row', { name: new RegExp(windowRule) }).getByRole('button', { name: `'${windowRule}' 규칙 작업` }).click();
  await page.getByRole('menuitem', { name: '수정' }).click();
  const editor = page.getByRole('dialog', { name: `'${windowRule}' 규칙 수정` });
  await expect(editor.getByTestId('preview-delivery')).toContainText(/1건은 발송 가능 시간까지 대기 \((내일|모레|\d+월 \d+일 .요일) 00:00\)/);
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();

  // Window off, cap on: at most 1 automatic message per 24 h to one number.
  await openSettings(page);
  await page.getByText('발송 가능 시간 사용').click();
  await page.getByRole('button', { name: '발송 가능 시간 저장' }).click();
  await expect(page.getByTestId('org-window-summary')).toHaveText('언제든 발송');
  await page.getByText('빈도 제한 사용').click();
  await page.getByLabel('최대 건수').fill('1');
  await page.getByLabel('기간 (시간)').fill('24');
  await page.getByRole('button', { name: '빈도 제한 저장' }).click();
  await expect(page.getByText('저장했습니다.').first()).toBeVisible();

  const capped = { name: `빈도테스트 ${Date.now()}`, phone: uniquePhone() };
  await welcomeRule(page, `e2e 빈도 A ${Date.now()}`, capped.name);
  await welcomeRule(page, `e2e 빈도 B ${Date.now()}`, capped.name);
  await trpcMutation(page, 'records.create', { partitionId: partition.id, data: { 이름: capped.name, 전화번호: capped.phone.display, 상태: '신규' } });
  const skipped = await logRowsFor(page, capped.phone.display, '빈도 제한에 걸림');
  await expect(skipped.row.first()).toBeVisible();
  // Exactly one message goes out to this number, however many rules fired: both of ours, and any rule without a
  // condition that other specs left on the shared partition (all decided in the record's one evaluation).
  const forNumber = skipped.table.getByRole('row').filter({ hasText: capped.phone.display });
  await expect(forNumber.filter({ hasNotText: '빈도 제한에 걸림' })).toHaveCount(1);
  expect(await forNumber.count()).toBeGreaterThanOrEqual(2);
});
