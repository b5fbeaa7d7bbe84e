// What a first visit costs over the wire, measured in the browser: compressed, cached right, and only the login
// page's own code. Fonts are counted apart: the browser fetches only the unicode-range subsets a page draws.
import { expect, test, type Response } from '@playwright/test';
import { expectLoginPage } from './fixtures';

const LOGIN_BUDGET_BYTES = 200 * 1024;

test('the login page arrives compressed, within its budget, without the signed-in app', async ({ page }) => {
  // Bodies as they crossed the wire (compressed), without the response headers: the budget is for what the page
  // downloads, and the security headers every response carries are the same size whatever the bundle weighs.
  const responses: Response[] = [];
  page.on('response', (response) => void responses.push(response));
  const headers = new Map<string, Record<string, string>>();
  const sizes = new Map<string, number>();
  page.on('response', (response) => {
    const pathname = new URL(response.url()).pathname;
    void response.allHeaders().then((h) => headers.set(pathname, h));
    void response.body().then((body) => sizes.set(pathname, body.length), () => undefined);
  });

  await page.goto('/login');
  await expectLoginPage(page);
  await page.waitForLoadState('networkidle');

  const wire = { code: 0, fonts: 0 };
  for (const response of responses) {
    const { responseBodySize } = await response.request().sizes();
    wire[response.request().resourceType() === 'font' ? 'fonts' : 'code'] += responseBodySize;
  }
  console.info(`login first load on the wire: ${(wire.code / 1024).toFixed(1)} KB code + ${(wire.fonts / 1024).toFixed(1)} KB fonts`);
  expect(wire.code).toBeLessThanOrEqual(LOGIN_BUDGET_BYTES);

  const scripts = [...headers].filter(([pathname]) => pathname.startsWith('/assets/') && pathname.endsWith('.js'));
  expect(scripts.length).toBeGreaterThan(0);
  for (const [pathname, h] of scripts) {
    // The build leaves files under 1 KB uncompressed: the header would cost more than it saves.
    if ((sizes.get(pathname) ?? 0) >= 1024) expect(h['content-encoding'], pathname).toBe('br');
    expect(h['cache-control'], pathname).toBe('public, max-age=31536000, immutable');
  }
  expect(headers.get('/login')?.['cache-control']).toBe('no-cache');
  const loaded = responses.map((r) => new URL(r.url()).pathname);
  for (const chunk of ['authenticated-layout', 'dashboard-page', 'automations-page', 'sends-chart']) {
    expect(loaded.some((pathname) => pathname.includes(chunk)), chunk).toBe(false);
  }
});
