// The rough edges a phone (390×844) used to show: the settings templates table cut off at the right, the send log in
// a scroll box inside the page scroll, the send-log card's open arrow floating mid-card, and date fields laid out
// mm/dd/yyyy by an English browser in a Korean UI; the holiday list and the dashboard's numbers in boxes of their own.
import { expect, test, type Locator } from '@playwright/test';
import { leadPartition, templateId, trpcMutation, uniquePhone } from './api';
import { logIn } from './fixtures';

const VIEWPORT = { width: 390, height: 844 };
test.use({ viewport: VIEWPORT });

async function expectOnScreenWidth(cells: Locator) {
  for (const cell of await cells.all()) {
    const box = await cell.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x + box!.width, await cell.innerText()).toBeLessThanOrEqual(VIEWPORT.width);
  }
}

/** The elements between `target` and the page that scroll on their own (a thumb there would not scroll the page). */
async function innerScrollers(target: Locator): Promise<string[]> {
  return target.evaluate((element) => {
    const found: string[] = [];
    for (let node: HTMLElement | null = element as HTMLElement; node && node !== document.body; node = node.parentElement) {
      const overflow = getComputedStyle(node).overflowY;
      if ((overflow === 'auto' || overflow === 'scroll') && node.scrollHeight > node.clientHeight) found.push(node.tagName);
    }
    return found;
  });
}

test.beforeEach(async ({ page }) => {
  await page.goto('/login');
  await logIn(page);
  await expect(page.getByRole('main').getByRole('heading', { level: 1, name: '대시보드' })).toBeVisible({ timeout: 30_000 });
});

test('설정: every column of every template is on a phone screen', async ({ page }) => {
  await page.goto('/settings');
  const table = page.getByRole('table', { name: '알림톡 템플릿 목록' });
  const rows = table.getByRole('row').filter({ hasText: 'SF_WELCOME' });
  await expect(rows.first()).toBeVisible({ timeout: 20_000 });
  // The last columns (연결된 규칙, 동기화) used to sit past the right edge, behind a sideways scroll inside the card.
  await rows.first().scrollIntoViewIfNeeded();
  await expectOnScreenWidth(rows.first().getByRole('cell'));
  await expect(rows.first().getByRole('cell').last()).toBeInViewport();
});

test('발송 로그 on a phone: one page scroll, and the open arrow beside the first line of a card', async ({ page }) => {
  // A rule and six leads it sends to: more cards than one screen holds.
  const partition = await leadPartition(page);
  const ruleName = `폰 스크롤 ${Date.now()}`;
  const marker = `스크롤 ${Date.now()}`;
  await trpcMutation(page, 'templateLinks.create', {
    partitionId: partition.id,
    templateId: await templateId(page, 'SF_WELCOME'),
    name: ruleName,
    recipientField: '전화번호',
    variableMappings: { 이름: '이름', 전화번호: '전화번호' },
    triggerType: 'on_create',
    triggerCondition: { field: '이름', operator: 'eq', value: marker },
    cooldownHours: 0,
  });
  for (let i = 0; i < 6; i++) {
    await trpcMutation(page, 'records.create', { partitionId: partition.id, data: { 이름: marker, 전화번호: uniquePhone().display, 상태: '신규' } });
  }

  const rows = page.getByRole('table', { name: '발송 로그 목록' }).getByRole('row').filter({ hasText: ruleName });
  await expect(async () => {
    await page.goto('/logs');
    await expect(rows).toHaveCount(6, { timeout: 5_000 });
  }).toPass({ timeout: 60_000, intervals: [500, 1_000, 2_000] });

  // Nothing between the list and the page scrolls on its own: a thumb on the list scrolls the page.
  expect(await innerScrollers(page.getByRole('table', { name: '발송 로그 목록' }))).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeGreaterThan(VIEWPORT.height);

  // The open arrow sits level with the card's first line (시각 · 규칙), not halfway down the card.
  const card = rows.first();
  const open = card.getByRole('button', { name: /발송 상세 보기/ });
  const [openBox, cardBox, firstCell] = await Promise.all([open.boundingBox(), card.boundingBox(), card.getByRole('cell').filter({ visible: true }).first().boundingBox()]);
  expect(openBox && cardBox && firstCell).toBeTruthy();
  expect(openBox!.y).toBeLessThan(firstCell!.y + firstCell!.height);
  expect(openBox!.x + openBox!.width).toBeLessThanOrEqual(cardBox!.x + cardBox!.width);
  await open.click();
  await expect(page.getByRole('dialog')).toBeVisible();
});

test('date fields read 연도-월-일 and take a day typed the Korean way', async ({ page }) => {
  await page.goto('/logs');
  const from = page.getByLabel('시작일');
  await expect(from).toHaveAttribute('placeholder', '연도-월-일');
  await from.fill('2026.3.1');
  await expect(page).toHaveURL(/from=2026-03-01/);
  await from.blur();
  await expect(from).toHaveValue('2026-03-01');

  // A day the calendar lacks filters nothing and is marked, rather than read as some other day.
  const to = page.getByLabel('종료일');
  await to.fill('2026-02-30');
  await to.blur();
  await expect(to).toHaveAttribute('aria-invalid', 'true');
  await expect(page).not.toHaveURL(/to=/);
  await expect(page.getByRole('button', { name: '달력에서 날짜 고르기' }).first()).toBeVisible();
});

test('설정 공휴일 and the dashboard numbers: long lists scroll with the page, not in a box of their own', async ({ page }) => {
  // Two years of public holidays: far longer than the box the list used to sit in.
  await page.goto('/settings');
  await page.getByRole('button', { name: '올해·내년 공휴일 불러오기' }).click();
  const holidays = page.getByRole('list', { name: '공휴일' });
  await expect(holidays.getByRole('listitem')).not.toHaveCount(0);
  expect(await holidays.getByRole('listitem').count()).toBeGreaterThan(10);
  expect(await innerScrollers(holidays)).toEqual([]);

  // Fourteen days and a total: taller than the box the table used to sit in.
  await page.goto('/');
  const numbers = page.getByRole('table', { name: '최근 14일 날짜별 발송 수' });
  await expect(numbers.getByRole('row')).toHaveCount(16);
  expect(await innerScrollers(numbers)).toEqual([]);
  await expectOnScreenWidth(numbers.getByRole('row').first().getByRole('columnheader').first());
});
