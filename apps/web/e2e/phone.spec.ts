// The list pages on a phone (390×844): every row's status and buttons are on screen, nothing scrolls sideways.
// The screenshots are committed under e2e/screenshots/ (README: "Screenshots").
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { leadPartition, templateId, trpcMutation, uniquePhone } from './api';
import { logIn, SEED_ORG_NAME } from './fixtures';

const VIEWPORT = { width: 390, height: 844 };
const screenshots = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');

test.use({ viewport: VIEWPORT });

async function expectBoxesInside(controls: Locator) {
  for (const control of await controls.all()) {
    const box = await control.boundingBox();
    const name = (await control.getAttribute('aria-label')) ?? (await control.innerText());
    expect(box, name).not.toBeNull();
    expect(box!.x, name).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, name).toBeLessThanOrEqual(VIEWPORT.width);
  }
}

async function expectInsideViewport(page: Page, rows: Locator) {
  const count = await rows.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const row = rows.nth(i);
    await expectBoxesInside(row.getByRole('button').or(row.getByRole('link')).or(row.getByRole('checkbox')).or(row.getByRole('switch')));
  }
  // Nothing wider than the screen, so nothing hides off to the right.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(VIEWPORT.width);
}

test('발송 로그, 반복 발송, 레코드 and 자동화 fit a phone', async ({ page }) => {
  await page.goto('/login');
  await logIn(page);
  await expect(page.getByRole('banner').getByText(SEED_ORG_NAME)).toBeVisible();

  // A reminder rule and a lead it fires for, so every list has a row.
  const partition = await leadPartition(page);
  const name = `폰 ${Date.now()}`;
  const phone = uniquePhone();
  const ruleName = `폰 리마인드 ${Date.now()}`;
  await trpcMutation(page, 'templateLinks.create', {
    partitionId: partition.id,
    templateId: await templateId(page, 'SF_WELCOME'),
    name: ruleName,
    recipientField: '전화번호',
    variableMappings: { 이름: '이름', 전화번호: '전화번호' },
    triggerType: 'on_create',
    triggerCondition: { field: '이름', operator: 'eq', value: name },
    repeatConfig: { intervalHours: 24, maxRepeat: 3, stopCondition: { field: '상태', operator: 'eq', value: '응답완료' } },
    cooldownHours: 0,
  });
  await trpcMutation(page, 'records.create', { partitionId: partition.id, data: { 이름: name, 전화번호: phone.display, 상태: '신규' } });

  await page.goto(`/logs?recipient=${encodeURIComponent(phone.display)}`);
  const logRows = page.getByRole('table', { name: '발송 로그 목록' }).getByRole('row').filter({ hasText: ruleName });
  await expect(async () => {
    await page.reload();
    await expect(logRows.first()).toBeVisible({ timeout: 10_000 });
  }).toPass({ timeout: 60_000, intervals: [500, 1_000, 2_000] });
  await expect(logRows.first().getByText(/^(대기|발송됨|전달됨)$/)).toBeInViewport();
  await expectInsideViewport(page, logRows);
  await page.screenshot({ path: path.join(screenshots, 'phone-logs.png') });

  await page.goto('/repeats');
  const repeatRows = page.getByRole('main').getByRole('table').getByRole('row').filter({ hasText: ruleName });
  await expect(repeatRows.first()).toBeVisible({ timeout: 20_000 });
  await expect(repeatRows.first().getByRole('button', { name: /중단/ })).toBeInViewport();
  await expectInsideViewport(page, repeatRows);
  await page.screenshot({ path: path.join(screenshots, 'phone-repeats.png') });

  await page.goto('/records');
  const recordRows = page.getByRole('main').getByRole('table').getByRole('row').filter({ hasText: name });
  await expect(recordRows.first()).toBeVisible();
  await expectInsideViewport(page, recordRows);
  await page.screenshot({ path: path.join(screenshots, 'phone-records.png') });

  await page.goto('/automations');
  const ruleRows = page.getByRole('main').getByRole('table').getByRole('row').filter({ hasText: ruleName });
  await expect(ruleRows.first()).toBeVisible();
  await expectInsideViewport(page, ruleRows);
  // The card has no header row: the cooldown carries its own label.
  await expect(ruleRows.first().getByText('쿨다운:')).toBeVisible();
  await expect(ruleRows.first()).toContainText('쿨다운: 없음');
  await page.screenshot({ path: path.join(screenshots, 'phone-automations.png') });
  // The row menu's actions open on screen too.
  await ruleRows.first().getByRole('button', { name: /규칙 작업/ }).click();
  const items = page.getByRole('menu').getByRole('menuitem');
  await expect(items.first()).toBeVisible();
  expect(await items.count()).toBeGreaterThanOrEqual(4);
  await expectBoxesInside(items);
});
