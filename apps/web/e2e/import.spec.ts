import path from 'node:path';
import { expect, test } from '@playwright/test';
import iconv from 'iconv-lite';
import { logIn } from './fixtures';

test('import: a 1,000-row CP949 CSV from Excel, mapped from its headers, previewed, imported with progress, rejected rows downloadable', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const tag = `가져옴${Date.now()}`;
  const base = 20_000_000 + (Date.now() % 100_000) * 1_000;
  const lines = ['고객명,휴대폰,진행 상태,비고'];
  for (let i = 0; i < 999; i++) lines.push(`${tag} ${i},010${String(base + i).slice(-8)},신규,메모 ${i}`);
  lines.push(`${tag} 오류,전화 아님,신규,`);
  const file = iconv.encode(lines.join('\r\n') + '\r\n', 'cp949');

  await page.goto('/login');
  await logIn(page);
  await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '가져오기' }).click();
  const main = page.getByRole('main');
  await main.getByLabel('파일', { exact: true }).setInputFiles({ name: '리드목록.csv', mimeType: 'text/csv', buffer: file });
  await main.getByRole('button', { name: '올리고 열 맞추기' }).click();

  await expect(main.getByText('리드목록.csv · 1,000행 · CP949 (EUC-KR)')).toBeVisible();
  await expect(main.getByLabel('전화번호에 넣을 열')).toHaveText('휴대폰');
  // 고객명 is not 이름: map it by hand.
  await main.getByLabel('이름에 넣을 열').click();
  await page.getByRole('option', { name: '고객명' }).click();
  await main.getByLabel('상태에 넣을 열').click();
  await page.getByRole('option', { name: '진행 상태' }).click();
  await expect(main.getByText('999행을 가져올 수 있고 1행은 오류가 있어 제외됩니다.')).toBeVisible();
  await expect(main.getByRole('table', { name: '미리보기 (처음 20행)' })).toContainText(`${tag} 0`);
  await expect(main.getByText('자동화 규칙은 실행하지 않습니다. 가져온 리드에게 알림톡이 가지 않습니다.')).toBeVisible();
  await page.screenshot({ path: path.join(testInfo.project.outputDir, 'import-mapping.png'), fullPage: true });
  await main.getByRole('button', { name: '999행 가져오기' }).click();
  // Started once the progress shows (the mapping's preview and start are mutations: a reload before the server
  // has the start would abort it).
  await expect(main.getByRole('progressbar', { name: '가져오기 진행률' })).toBeVisible();

  // The import id is in the URL: a reload comes back to its progress.
  await expect(page).toHaveURL(/[?&]import=[0-9a-f-]{36}/);
  await page.reload();
  await expect(main.getByRole('heading', { name: '가져오기를 마쳤습니다' })).toBeVisible({ timeout: 60_000 });
  await expect(main.getByRole('progressbar', { name: '가져오기 진행률' })).toHaveAttribute('aria-valuenow', '100');
  await expect(main.getByRole('status')).toContainText('1,000행 중 1,000행 처리 · 추가 999 · 업데이트 0 · 건너뜀 0 · 오류 1');
  const download = page.waitForEvent('download');
  await main.getByRole('button', { name: '오류 행 1개 내려받기 (CSV)' }).click();
  expect((await download).suggestedFilename()).toBe('리드목록-rejected.csv');

  // The leads are in the records table.
  await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '레코드' }).click();
  await page.getByRole('searchbox', { name: '레코드 검색' }).fill(`${tag} 12`);
  await expect(page.getByRole('table', { name: '리드 레코드 목록' })).toContainText(`${tag} 12`);
});
