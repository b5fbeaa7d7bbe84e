// Links that point nowhere — a typo, a deleted item, another org's id — say so in the UI's language, never in
// zod's or tRPC's words, and the page around them keeps working.
import { expect, test } from '@playwright/test';
import { logIn } from './fixtures';

test('a malformed or unknown log id in the URL shows a translated "not found"', async ({ page }) => {
  await page.goto('/login?next=%2Flogs%3Flog%3Dx');
  await logIn(page);
  const sheet = page.getByRole('dialog', { name: '발송 상세' });
  await expect(sheet.getByRole('alert')).toContainText('찾는 항목이 없습니다');
  await expect(sheet).not.toContainText('UUID');
  await expect(sheet).not.toContainText('✖');
  await expect(sheet).not.toContainText('불러오는 중');

  await page.goto('/logs?log=00000000-0000-4000-8000-000000000000');
  await expect(sheet.getByRole('alert')).toContainText('찾는 항목이 없습니다');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('main').getByRole('heading', { level: 1, name: '발송 로그' })).toBeVisible();
});
