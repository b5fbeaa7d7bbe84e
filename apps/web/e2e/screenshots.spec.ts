// The main pages at desktop (1440×900) and phone (390×844) width, with a rule, leads and sends in them, written to
// e2e/screenshots/ and committed (README: "Screenshots") so a layout change shows up in review. Each page must have
// finished loading and fit the width: nothing scrolls sideways.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { leadPartition, templateId, trpcMutation, uniquePhone } from './api';
import { logIn } from './fixtures';

const screenshots = path.join(path.dirname(fileURLToPath(import.meta.url)), 'screenshots');
const VIEWPORTS = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'mobile', width: 390, height: 844 },
] as const;
const PAGES = [
  { file: 'dashboard', path: '/', heading: '대시보드' },
  { file: 'records', path: '/records', heading: '레코드' },
  { file: 'automations', path: '/automations', heading: '자동화' },
  { file: 'logs', path: '/logs', heading: '발송 로그' },
  { file: 'repeats', path: '/repeats', heading: '반복 발송' },
  { file: 'settings', path: '/settings', heading: '설정' },
] as const;

async function expectSettled(page: Page, width: number) {
  await expect(page.getByText('불러오는 중').filter({ visible: true })).toHaveCount(0, { timeout: 20_000 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

for (const viewport of VIEWPORTS) {
  test(`main pages at ${viewport.width}px`, async ({ page }) => {
    test.setTimeout(400_000);
    await page.setViewportSize(viewport);
    await page.goto('/login');
    await expect(page.getByRole('heading', { level: 1, name: '로그인' })).toBeVisible();
    await page.screenshot({ path: path.join(screenshots, `${viewport.name}-login.png`) });
    await logIn(page);
    await expect(page.getByRole('main').getByRole('heading', { level: 1, name: '대시보드' })).toBeVisible({ timeout: 30_000 });

    // A welcome rule with a reminder, and three leads it sends to.
    const partition = await leadPartition(page);
    const stamp = Date.now();
    await trpcMutation(page, 'templateLinks.create', {
      partitionId: partition.id,
      templateId: await templateId(page, 'SF_WELCOME'),
      name: `신규 리드 환영 ${viewport.width}`,
      recipientField: '전화번호',
      variableMappings: { 이름: '이름', 전화번호: '전화번호' },
      triggerType: 'on_create',
      triggerCondition: { field: '상태', operator: 'eq', value: '신규' },
      repeatConfig: { intervalHours: 24, maxRepeat: 3, stopCondition: { field: '상태', operator: 'eq', value: '응답완료' } },
      cooldownHours: 24,
    });
    for (const name of ['김민지', '이서준', '박하은']) {
      await trpcMutation(page, 'records.create', { partitionId: partition.id, data: { 이름: `${name} ${stamp % 1000}`, 전화번호: uniquePhone().display, 상태: '신규' } });
    }

    for (const target of PAGES) {
      await page.goto(target.path);
      await expect(page.getByRole('main').getByRole('heading', { level: 1, name: target.heading, exact: true })).toBeVisible({ timeout: 30_000 });
      await expectSettled(page, viewport.width);
      // The chart draws once its container has been measured; a screenshot before that shows an empty card.
      if (target.file === 'dashboard') await expect(page.getByRole('img', { name: /막대 그래프/ }).locator('svg.recharts-surface').first()).toBeVisible();
      await page.mouse.move(0, 0);
      await page.screenshot({ path: path.join(screenshots, `${viewport.name}-${target.file}.png`), fullPage: true });
    }
  });
}
