// The built SPA runs under the server's Content-Security-Policy without a single violation on any section.
import { expect, test } from '@playwright/test';
import { logIn } from './fixtures';

const SECTIONS = ['대시보드', '레코드', '자동화', '발송 로그', '반복 발송', '설정'];

test('every section renders under the CSP without violations', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const response = await page.goto('/login');
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await logIn(page);
  const nav = page.getByRole('navigation', { name: '주 메뉴' });
  for (const name of SECTIONS) {
    await nav.getByRole('link', { name, exact: true }).click();
    await expect(page.getByRole('main').getByRole('heading', { level: 1, name, exact: true })).toBeVisible();
  }
  expect(violations).toEqual([]);
});
