import path from 'node:path';
import { expect, test } from '@playwright/test';
import { E2E_ADMIN, expectLoginPage, logIn, SEED_ORG_NAME } from './fixtures';

// Sidebar label → path → the page's heading (the same words).
const SECTIONS = [
  { name: '대시보드', path: '/' },
  { name: '레코드', path: '/records' },
  { name: '가져오기', path: '/import' },
  { name: '자동화', path: '/automations' },
  { name: '발송 로그', path: '/logs' },
  { name: '반복 발송', path: '/repeats' },
  { name: '파티션', path: '/partitions' },
  { name: '팀', path: '/team' },
  { name: '설정', path: '/settings' },
  { name: '시스템', path: '/system' },
] as const;

const ENGLISH_NAV = ['Dashboard', 'Records', 'Import', 'Automations', 'Send logs', 'Repeats', 'Partitions', 'Team', 'Settings', 'System'];

test.describe('login page', () => {
  test('says what is missing before sending anything', async ({ page }) => {
    // A signed-out visit is the normal case: nothing on the way to this page may look like a failure in the console.
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto('/login');
    await expectLoginPage(page);
    await page.waitForLoadState('networkidle');
    expect(consoleErrors).toEqual([]);
    await page.getByRole('button', { name: '로그인' }).click();
    // Each message is tied to its field, so a screen reader reads it with the field.
    await expect(page.getByLabel('이메일')).toHaveAccessibleDescription('이메일을 입력하세요.');
    await expect(page.getByLabel('비밀번호')).toHaveAccessibleDescription('비밀번호를 입력하세요.');
    await expect(page.getByLabel('이메일')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('이메일')).toBeFocused();

    await page.getByLabel('이메일').fill('not-an-email');
    await page.getByRole('button', { name: '로그인' }).click();
    await expect(page.getByLabel('이메일')).toHaveAccessibleDescription(/올바른 이메일 주소를 입력하세요/);
  });

  test('a wrong password shows an error in words and stays on the login page', async ({ page }, testInfo) => {
    await page.goto('/login');
    await logIn(page, E2E_ADMIN.email, 'definitely-not-the-password');
    await expect(page.getByRole('alert')).toHaveText('이메일 또는 비밀번호가 올바르지 않습니다. 다시 확인해 주세요.');
    await expectLoginPage(page);
    // The password is cleared and focused for the next try; the email stays.
    await expect(page.getByLabel('비밀번호')).toHaveValue('');
    await expect(page.getByLabel('비밀번호')).toBeFocused();
    await expect(page.getByLabel('이메일')).toHaveValue(E2E_ADMIN.email);
    await page.screenshot({ path: path.join(testInfo.project.outputDir, 'login-error.png') });
  });
});

test('log in, find every section, switch language, log out', async ({ page }, testInfo) => {
  // Ten sections, each loaded and checked in two languages: a long walk.
  test.slow();
  // Not signed in: a section sends you to the login page, and back there afterwards.
  await page.goto('/automations');
  await expectLoginPage(page);
  await expect(page).toHaveURL(/\/login\?next=%2Fautomations$/);

  await logIn(page);
  await expect(page).toHaveURL(/\/automations$/);
  await expect(page.getByRole('heading', { level: 1, name: '자동화' })).toBeVisible();

  // The shell: sidebar navigation, org name, sandbox badge with its explanation.
  const nav = page.getByRole('navigation', { name: '주 메뉴' });
  for (const { name } of SECTIONS) await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
  const banner = page.getByRole('banner');
  await expect(banner.getByText(SEED_ORG_NAME)).toBeVisible();
  const badge = banner.getByText('샌드박스', { exact: true });
  await expect(badge).toBeVisible();
  await badge.hover();
  await expect(page.getByRole('tooltip')).toContainText('실제 고객에게는 아무것도 전달되지 않습니다');
  await page.mouse.move(0, 0);
  await expect(page.getByRole('main')).toBeVisible();

  // Every section, through the sidebar.
  for (const { name, path: sectionPath } of SECTIONS) {
    await nav.getByRole('link', { name, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${sectionPath === '/' ? '/' : sectionPath}$`));
    await expect(page.getByRole('main').getByRole('heading', { level: 1, name, exact: true })).toBeVisible();
    await expect(nav.getByRole('link', { name, exact: true })).toHaveAttribute('aria-current', 'page');
  }
  // An empty state offers the next step, and it works.
  await nav.getByRole('link', { name: '대시보드', exact: true }).click();
  // (Specs that run earlier may have sent messages: then the dashboard shows its chart instead of the empty state.)
  await expect(
    page.getByRole('heading', { level: 2, name: '아직 발송 기록이 없습니다' }).or(page.getByRole('heading', { level: 2, name: '최근 14일 발송' })),
  ).toBeVisible();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(testInfo.project.outputDir, 'shell.png'), fullPage: true });
  await page.getByRole('main').getByRole('link', { name: '자동화 보러 가기' }).click();
  await expect(page).toHaveURL(/\/automations$/);

  // A direct link to a section works after a full page load (server falls back to index.html).
  await page.goto('/logs');
  await expect(page.getByRole('main').getByRole('heading', { level: 1, name: '발송 로그' })).toBeVisible();

  // The user menu opens from the keyboard and closes on Escape.
  const userMenu = banner.getByRole('button', { name: /계정 메뉴/ });
  await userMenu.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menu')).toContainText(E2E_ADMIN.email);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toBeHidden();
  await expect(userMenu).toBeFocused();

  // English, remembered across a reload.
  await banner.getByRole('combobox', { name: '언어' }).selectOption({ label: 'English' });
  const englishNav = page.getByRole('navigation', { name: 'Main menu' });
  for (const name of ENGLISH_NAV) await expect(englishNav.getByRole('link', { name, exact: true })).toBeVisible();
  await expect(page.getByRole('main').getByRole('heading', { level: 1, name: 'Send logs' })).toBeVisible();
  await expect(banner.getByText('Sandbox', { exact: true })).toBeVisible();
  await page.screenshot({ path: path.join(testInfo.project.outputDir, 'shell-en.png') });
  await page.reload();
  await expect(englishNav.getByRole('link', { name: 'Records', exact: true })).toBeVisible();
  await banner.getByRole('combobox', { name: 'Language' }).selectOption({ label: '한국어' });
  await expect(nav.getByRole('link', { name: '레코드', exact: true })).toBeVisible();

  // Log out: a toast says so, and we are back at the login page.
  await banner.getByRole('button', { name: /계정 메뉴/ }).click();
  await page.getByRole('menuitem', { name: '로그아웃' }).click();
  await expectLoginPage(page);
  await expect(page.getByText('로그아웃했습니다.')).toBeVisible();

  // The session is really gone: a section sends us to the login page again.
  await page.goto('/automations');
  await expectLoginPage(page);
  await expect(page).toHaveURL(/\/login\?next=%2Fautomations$/);
});

test('keyboard and narrow screens: skip link, menu sheet that closes on Escape', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/login');
  await logIn(page);
  await expect(page.getByRole('main').getByRole('heading', { level: 1, name: '대시보드' })).toBeVisible();

  // The first Tab reaches "skip to content", which jumps past the navigation.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: '본문으로 건너뛰기' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();

  // No room for the sidebar: it opens as a dialog from the menu button.
  await expect(page.getByRole('navigation', { name: '주 메뉴' })).toBeHidden();
  const menuButton = page.getByRole('button', { name: '메뉴 열기' });
  await menuButton.click();
  const sheet = page.getByRole('dialog', { name: '주 메뉴' });
  await expect(sheet).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(menuButton).toBeFocused();

  // Choosing a section closes the sheet.
  await menuButton.click();
  await sheet.getByRole('link', { name: '발송 로그' }).click();
  await expect(sheet).toBeHidden();
  await expect(page.getByRole('main').getByRole('heading', { level: 1, name: '발송 로그' })).toBeVisible();
  await page.screenshot({ path: path.join(test.info().project.outputDir, 'shell-narrow.png') });
});
