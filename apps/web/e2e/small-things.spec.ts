// Small things a first-time admin tripped over (issue 14, item 7) that no other spec holds down.
import { expect, test } from '@playwright/test';
import { logIn } from './fixtures';

test('a full page load of a section warns nothing about HydrateFallback', async ({ page }) => {
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') warnings.push(message.text());
  });
  await page.goto('/login?next=%2Flogs');
  await logIn(page);
  await expect(page.getByRole('main').getByRole('heading', { level: 1, name: '발송 로그' })).toBeVisible({ timeout: 30_000 });
  // A reload is a full page load straight into a lazy child route, the case React Router warned about.
  await page.reload();
  await expect(page.getByRole('main').getByRole('heading', { level: 1, name: '발송 로그' })).toBeVisible({ timeout: 30_000 });
  await page.goto('/records');
  await expect(page.getByRole('main').getByRole('heading', { level: 1, name: '레코드' })).toBeVisible({ timeout: 30_000 });
  expect(warnings.filter((text) => /HydrateFallback/.test(text))).toEqual([]);
});

test('the repeat read-back stays quiet while the schedule it would read is invalid', async ({ page }) => {
  await page.goto('/login?next=%2Fautomations');
  await logIn(page);
  await page.getByRole('main').getByRole('button', { name: '규칙 만들기' }).first().click();
  const builder = page.getByRole('dialog', { name: '규칙 만들기' });
  await builder.getByRole('checkbox', { name: '반복 발송' }).check();
  await expect(builder).toContainText('24시간마다 다시 보내며, 최대 3번까지');

  await builder.getByLabel('반복 간격 (시간)').fill('0');
  await builder.getByLabel('최대 반복 횟수').fill('11');
  // Its errors are on screen once saving is tried, and the read-back says nothing beside them.
  await builder.getByRole('button', { name: '저장', exact: true }).click();
  await expect(builder.getByText('반복 간격은 1–720시간 사이의 정수로 입력하세요.')).toBeVisible();
  await expect(builder.getByText('최대 반복 횟수는 1–10회 사이의 정수로 입력하세요.')).toBeVisible();
  await expect(builder).not.toContainText('마다 다시 보내며');
  await expect(builder).not.toContainText('0시간마다');

  await builder.getByLabel('반복 간격 (시간)').fill('2');
  await builder.getByLabel('최대 반복 횟수').fill('5');
  await expect(builder).toContainText('2시간마다 다시 보내며, 최대 5번까지');
});
