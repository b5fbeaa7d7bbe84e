import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { leadPartition, templateId, trpcMutation, uniquePhone } from './api';
import { logIn } from './fixtures';

test('an automatic send shows up in 발송 로그, filtered by 자동, with its details', async ({ page }, testInfo) => {
  await page.goto('/login');
  await logIn(page);
  // Signed in once the shell's navigation is there (the login page has a heading of its own).
  await expect(page.getByRole('navigation', { name: '주 메뉴' })).toBeVisible();

  // A rule that welcomes exactly this test's lead, and the lead itself — both through the API.
  const name = `로그테스트 ${Date.now()}`;
  const ruleName = `e2e 환영 ${Date.now()}`;
  const phone = uniquePhone();
  const partition = await leadPartition(page);
  await trpcMutation(page, 'templateLinks.create', {
    partitionId: partition.id,
    templateId: await templateId(page, 'SF_WELCOME'),
    name: ruleName,
    recipientField: '전화번호',
    variableMappings: { 이름: '이름', 전화번호: '전화번호' },
    triggerType: 'on_create',
    triggerCondition: { field: '이름', operator: 'eq', value: name },
    cooldownHours: 0,
  });
  await trpcMutation(page, 'records.create', { partitionId: partition.id, data: { 이름: name, 전화번호: phone.display, 상태: '신규' } });

  // Filter the way a person does: by the labelled controls above the table.
  await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '발송 로그' }).click();
  await expect(page.getByRole('main').getByRole('heading', { level: 1, name: '발송 로그' })).toBeVisible();
  await page.getByLabel('트리거').click();
  await page.getByRole('option', { name: '자동' }).click();
  await expect(page).toHaveURL(/[?&]trigger=auto(&|$)/);
  await page.getByLabel('수신 번호').fill(phone.display);
  await expect(page).toHaveURL(new RegExp(`[?&]recipient=${encodeURIComponent(phone.display)}(&|$)`));

  // The evaluation and the send run in the background worker: reload until the log is there (bounded).
  const table = page.getByRole('table', { name: '발송 로그 목록' });
  const row = table.getByRole('row').filter({ hasText: ruleName });
  await expect(async () => {
    await page.reload();
    await expect(row).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000, intervals: [500, 1_000, 2_000] });
  await expect(row).toContainText(phone.display);
  await expect(row).toContainText('자동');
  // The filter survived the reloads, in the URL and in the controls.
  await expect(page).toHaveURL(/[?&]trigger=auto(&|$)/);
  await expect(page.getByLabel('트리거')).toHaveText(/자동/);
  await expect(page.getByLabel('수신 번호')).toHaveValue(phone.display);

  // Its side sheet: the full log, accepted by the sandbox NHN (발송됨) or already delivered (전달됨).
  await row.getByRole('button', { name: `${phone.display} 발송 상세 보기` }).click();
  const sheet = page.getByRole('dialog', { name: '발송 상세' });
  await expect(sheet).toBeVisible();
  await expect(page).toHaveURL(/[?&]log=[0-9a-f-]{36}/);
  await expect(sheet.getByText(/^(발송됨|전달됨)$/).first()).toBeVisible({ timeout: 20_000 });
  await expect(sheet.getByRole('document', { name: '알림톡 본문' })).toContainText(`${name}님, 문의해 주셔서 감사합니다.`);
  await expect(sheet.getByText('요청 ID (requestId)')).toBeVisible();
  await expect(sheet.getByText(`'${ruleName}' 규칙: 레코드가 추가되어 보냄`)).toBeVisible();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(testInfo.project.outputDir, 'logs-sheet.png') });

  // Escape closes the sheet; the filters stay.
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(page).not.toHaveURL(/[?&]log=/);
  await expect(page).toHaveURL(/[?&]trigger=auto(&|$)/);

  // CSV export with the filters applied.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV 내보내기' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^alimtalk-send-logs-.*\.csv$/);
  await expect(page.getByText(/CSV 파일을 내려받았습니다: .*\(1건\)/)).toBeVisible();
  // Written in the screen's words, with the codes kept beside them for scripts.
  const csv = await readFile(await download.path(), 'utf8');
  const [header, line] = csv.replace(/^\uFEFF/, '').split('\r\n');
  expect(header).toContain('트리거,트리거 코드,상태,상태 코드,사유,사유 코드');
  expect(line).toMatch(/,자동,auto,(발송됨|전달됨),(accepted|delivered),/);

  // The whole explorer, unfiltered, for the record.
  await page.getByRole('button', { name: '필터 지우기' }).click();
  await expect(page).toHaveURL(/\/logs$/);
  await expect(table.getByRole('row').filter({ hasText: ruleName })).toBeVisible();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(testInfo.project.outputDir, 'logs.png') });

  // Dates the wrong way round (a link typed by hand): read as meant, and said so rather than done silently.
  await page.goto('/logs?from=2099-01-02&to=2026-01-01');
  await expect(page.getByRole('status').filter({ hasText: '시작일이 종료일보다 늦어 2026-01-01부터 2099-01-02까지로 찾았습니다.' })).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: ruleName })).toBeVisible();
});

test("the dashboard counts today's sends and links into the filtered send log", async ({ page }, testInfo) => {
  await page.goto('/login');
  await logIn(page);
  await expect(page.getByRole('navigation', { name: '주 메뉴' })).toBeVisible();
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { level: 1, name: '대시보드' })).toBeVisible();
  // The send of the test above is in today's cards and in the 14-day chart, whose numbers are also a table.
  await expect(main.getByRole('heading', { level: 2, name: '오늘 발송' })).toBeVisible();
  await expect(main.getByRole('heading', { level: 2, name: '최근 14일 발송' })).toBeVisible();
  await expect(main.getByRole('table', { name: '최근 14일 날짜별 발송 수' })).toBeVisible();
  await expect(main.getByRole('link', { name: '자동화 보러 가기' })).toBeVisible();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(testInfo.project.outputDir, 'dashboard.png'), fullPage: true });

  // "실패 n" opens the send log filtered to today's failures.
  await main.getByRole('link', { name: /^실패 \d+/ }).click();
  await expect(page).toHaveURL(/\/logs\?status=failed&from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
  await expect(page.getByLabel('상태')).toHaveText(/실패/);
});

test('a repeating rule starts a series in 반복 발송, which can be stopped', async ({ page }, testInfo) => {
  await page.goto('/login');
  await logIn(page);
  await expect(page.getByRole('navigation', { name: '주 메뉴' })).toBeVisible();

  const name = `반복테스트 ${Date.now()}`;
  const ruleName = `e2e 리마인드 ${Date.now()}`;
  const partition = await leadPartition(page);
  await trpcMutation(page, 'templateLinks.create', {
    partitionId: partition.id,
    templateId: await templateId(page, 'SF_REMIND'),
    name: ruleName,
    recipientField: '전화번호',
    variableMappings: { 이름: '이름', 상태: '상태' },
    triggerType: 'on_create',
    triggerCondition: { field: '이름', operator: 'eq', value: name },
    repeatConfig: { intervalHours: 24, maxRepeat: 3, stopCondition: { field: '상태', operator: 'eq', value: '응답완료' } },
    cooldownHours: 0,
  });
  await trpcMutation(page, 'records.create', { partitionId: partition.id, data: { 이름: name, 전화번호: uniquePhone().display, 상태: '신규' } });

  // The series starts once the first send is accepted (background worker): reload until it is listed.
  await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '반복 발송' }).click();
  await page.getByLabel('상태').click();
  await page.getByRole('option', { name: '반복 중' }).click();
  await expect(page).toHaveURL(/\/repeats\?status=pending$/);
  const row = page.getByRole('table', { name: '반복 발송 목록' }).getByRole('row').filter({ hasText: name });
  await expect(async () => {
    await page.reload();
    await expect(row).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000, intervals: [500, 1_000, 2_000] });
  await expect(row).toContainText(ruleName);
  await expect(row).toContainText('0/3회');
  await expect(row).toContainText('1일마다');
  await expect(row).toContainText('반복 중');
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(testInfo.project.outputDir, 'repeats.png') });

  // Stop it, after confirming; the choice that keeps sending has the focus.
  await row.getByRole('button', { name: `${name} 반복 발송 중단` }).click();
  const confirm = page.getByRole('alertdialog', { name: '반복 발송을 중단할까요?' });
  await expect(confirm).toContainText(ruleName);
  await expect(confirm.getByRole('button', { name: '계속 보내기' })).toBeFocused();
  await confirm.getByRole('button', { name: '중단', exact: true }).click();
  await expect(page.getByText('반복 발송을 중단했습니다.')).toBeVisible();
  await page.getByLabel('상태').click();
  await page.getByRole('option', { name: '중단됨' }).click();
  await expect(row).toContainText('사용자가 중단함');
});
