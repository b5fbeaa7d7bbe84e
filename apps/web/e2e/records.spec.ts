import path from 'node:path';
import { expect, test } from '@playwright/test';
import { leadPartition, templateId, trpcMutation, uniquePhone } from './api';
import { logIn } from './fixtures';

test('add a record through the dialog, edit its 상태 in the side sheet, read its automation history', async ({ page }, testInfo) => {
  const out = (name: string) => path.join(testInfo.project.outputDir, name);
  await page.goto('/login');
  await logIn(page);
  // Signed in once the shell's navigation is there (the login page has a heading of its own).
  await expect(page.getByRole('navigation', { name: '주 메뉴' })).toBeVisible();

  // A rule that looks at exactly this test's record and will not send to it: its history must say why.
  const name = `레코드테스트 ${Date.now()}`;
  const ruleName = `e2e 응답완료 안내 ${Date.now()}`;
  const phone = uniquePhone();
  const partition = await leadPartition(page);
  await trpcMutation(page, 'templateLinks.create', {
    partitionId: partition.id,
    templateId: await templateId(page, 'SF_STATUS'),
    name: ruleName,
    recipientField: '전화번호',
    variableMappings: { 이름: '이름', 상태: '상태' },
    triggerType: 'on_create',
    triggerCondition: { all: [{ field: '이름', operator: 'eq', value: name }, { field: '상태', operator: 'eq', value: '응답완료' }] },
    cooldownHours: 0,
  });
  // And one that looks at its updates, so a save has an answer in the history.
  await trpcMutation(page, 'templateLinks.create', {
    partitionId: partition.id,
    templateId: await templateId(page, 'SF_STATUS'),
    name: `${ruleName} 수정`,
    recipientField: '전화번호',
    variableMappings: { 이름: '이름', 상태: '상태' },
    triggerType: 'on_update',
    triggerCondition: { all: [{ field: '이름', operator: 'eq', value: name }, { field: '상태', operator: 'eq', value: '응답완료' }] },
    cooldownHours: 0,
  });

  await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '레코드' }).click();
  await expect(page.getByRole('main').getByRole('heading', { level: 1, name: '레코드' })).toBeVisible();
  // The partition picker: 리드 is chosen (the first partition when the URL names none).
  await expect(page.getByLabel('파티션')).toHaveText(/리드/);

  // The dialog: a form generated from the partition's fields, found by their labels.
  await page.getByRole('main').getByRole('button', { name: '레코드 추가' }).first().click();
  const dialog = page.getByRole('dialog', { name: '레코드 추가' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('이름').fill(name);
  await dialog.getByLabel('전화번호').fill('전화 없음');
  await dialog.getByRole('button', { name: '추가', exact: true }).click();
  // Checked before anything is sent, and said next to the field.
  await expect(dialog.getByLabel('전화번호')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByLabel('전화번호')).toHaveAccessibleDescription(/전화번호 형식으로 입력하세요/);
  await dialog.getByLabel('전화번호').fill(phone.digits);
  await dialog.getByLabel('상태').click();
  await page.getByRole('option', { name: '신규', exact: true }).click();
  await dialog.getByLabel('이름').click();
  await expect(dialog.getByLabel('전화번호')).toHaveValue(phone.display);
  await page.screenshot({ path: out('records-add.png') });
  await dialog.getByRole('button', { name: '추가', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('레코드를 추가했습니다. 자동화가 조건을 확인합니다.')).toBeVisible();

  // In the table, phone formatted, 상태 as a badge.
  const table = page.getByRole('table', { name: '리드 레코드 목록' });
  const row = table.getByRole('row').filter({ hasText: name });
  await expect(row).toBeVisible();
  await expect(row).toContainText(phone.display);
  await expect(row).toContainText('신규');

  // Its name opens it in the side sheet.
  await table.getByRole('button', { name: `${name} 레코드 열기` }).click();
  const sheet = page.getByRole('dialog', { name: name });
  await expect(sheet).toBeVisible();
  await expect(page).toHaveURL(/[?&]record=[0-9a-f-]{36}/);

  // 자동화 기록: why this rule did not send, as a sentence, with the checks readable.
  const history = sheet.getByRole('region', { name: '자동화 기록' });
  await expect(history.getByRole('heading', { name: '자동화 기록' })).toBeVisible();
  await expect(history.getByText(`'${ruleName}' 규칙: 조건이 맞지 않아 건너뜀 — 상태가 '신규'였고 '응답완료'여야 함`)).toBeVisible({ timeout: 20_000 });
  await history.getByText('조건 확인 내역 (2개)').click();
  const checks = history.getByRole('table', { name: '규칙의 조건을 이 레코드 값과 하나씩 비교한 결과' });
  await expect(checks.getByRole('row').filter({ hasText: '상태' })).toContainText('맞지 않음');
  await expect(checks.getByRole('row').filter({ hasText: '이름' })).toContainText('맞음');

  // Edit 상태 in the sheet: only the changed field is sent.
  await sheet.getByLabel('상태').click();
  await page.getByRole('option', { name: '상담중', exact: true }).click();
  const save = sheet.getByRole('button', { name: '변경 저장' });
  await save.click();
  await expect(page.getByText('레코드를 저장했습니다. 자동화가 변경을 확인합니다.')).toBeVisible();
  await expect(sheet.getByLabel('상태')).toHaveText(/상담중/);
  await expect(save).toBeDisabled();
  // The automation's answer to the save arrives (a second skip, for the update), and with it the "still checking"
  // note goes — not only when its 15 s of fast polling run out.
  await expect(history.getByText(`'${ruleName} 수정' 규칙: 조건이 맞지 않아 건너뜀`)).toBeVisible({ timeout: 20_000 });
  await expect(history.getByText('방금 저장한 변경을 자동화가 확인하는 중입니다…')).toBeHidden({ timeout: 5_000 });
  await page.mouse.move(0, 0);
  await page.screenshot({ path: out('records-sheet.png') });

  // Escape closes the sheet; the name in the table opens it again, by keyboard.
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(page).not.toHaveURL(/[?&]record=/);
  await expect(row).toContainText('상담중');
  await page.mouse.move(0, 0);
  await page.screenshot({ path: out('records.png') });
  await table.getByRole('button', { name: `${name} 레코드 열기` }).focus();
  await page.keyboard.press('Enter');
  await expect(sheet).toBeVisible();

  // Delete, after confirming.
  await sheet.getByRole('button', { name: '레코드 삭제' }).click();
  const confirm = page.getByRole('alertdialog', { name: '이 레코드를 삭제할까요?' });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('button', { name: '취소' })).toBeFocused();
  await confirm.getByRole('button', { name: '삭제', exact: true }).click();
  await expect(page.getByText('레코드를 삭제했습니다.')).toBeVisible();
  await expect(sheet).toBeHidden();
  await expect(row).toBeHidden();
});

test('settings: sandbox explained, templates listed, an API token shown once and then revoked', async ({ page }, testInfo) => {
  await page.goto('/login');
  await logIn(page);
  await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '설정' }).click();
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { level: 1, name: '설정' })).toBeVisible();
  await expect(main.getByText(/실제 고객의 카카오톡에는 아무것도 전달되지 않습니다/)).toBeVisible();
  await expect(main.getByLabel('NHN Cloud로 실제 발송')).not.toBeChecked();
  await expect(main.getByLabel('비밀 키 (Secret Key)')).toHaveAttribute('type', 'password');
  await expect(main.getByRole('table', { name: '알림톡 템플릿 목록' }).getByRole('row').filter({ hasText: 'SF_WELCOME' })).toContainText('승인');

  // Live sending without keys: the server says what is missing.
  await main.getByLabel('NHN Cloud로 실제 발송').click();
  await main.getByRole('button', { name: '설정 저장' }).click();
  await expect(main.getByRole('alert')).toContainText('실발송에 필요한 값이 아직 없습니다');
  await page.reload();

  const tokenName = `e2e 토큰 ${Date.now()}`;
  await main.getByRole('button', { name: '토큰 만들기' }).first().click();
  const create = page.getByRole('dialog', { name: 'API 토큰 만들기' });
  await create.getByLabel('토큰 이름').fill(tokenName);
  await create.getByRole('button', { name: '만들기', exact: true }).click();
  const once = page.getByRole('dialog', { name: '토큰을 지금 복사하세요' });
  await expect(once).toContainText('한 번만 보여 드립니다');
  await expect(once.getByLabel(/새 API 토큰/)).toHaveValue(/^aft_/);
  await page.screenshot({ path: path.join(testInfo.project.outputDir, 'settings-token.png') });
  await once.getByRole('button', { name: '복사했습니다, 닫기' }).click();
  await expect(once).toBeHidden();

  const row = main.getByRole('table', { name: 'API 토큰 목록' }).getByRole('row').filter({ hasText: tokenName });
  await expect(row).toContainText('사용 중');
  await row.getByRole('button', { name: `'${tokenName}' 토큰 폐기` }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: '폐기', exact: true }).click();
  await expect(page.getByText(`'${tokenName}' 토큰을 폐기했습니다.`)).toBeVisible();
  await expect(row).toContainText('폐기됨');
  // From the top: a full-page capture of a scrolled page pins the sticky top bar and sidebar halfway down.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(testInfo.project.outputDir, 'settings.png'), fullPage: true });
});
