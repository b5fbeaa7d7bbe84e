// What a first visit costs over the wire, measured in the browser: compressed, cached right, and only the login
// page's own code. Fonts are counted apart: the browser fetches only the unicode-range subsets a page draws.
import { expect, test } from '@playwright/test';
import { expectLoginPage } from './fixtures';

const LOGIN_BUDGET_BYTES = 200 * 1024;

test('the login page arrives compressed, within its budget, without the signed-in app', async ({ page }) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const urls = new Map<string, { url: string; font: boolean }>();
  const wire = { code: 0, fonts: 0 };
  cdp.on('Network.responseReceived', (event) => urls.set(event.requestId, { url: event.response.url, font: event.type === 'Font' }));
  cdp.on('Network.loadingFinished', (event) => {
    const response = urls.get(event.requestId);
    if (response) wire[response.font ? 'fonts' : 'code'] += event.encodedDataLength;
  });
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
  const loaded = [...urls.values()].map((r) => new URL(r.url).pathname);
  for (const chunk of ['authenticated-layout', 'dashboard-page', 'automations-page', 'sends-chart']) {
    expect(loaded.some((pathname) => pathname.includes(chunk)), chunk).toBe(false);
  }
});
