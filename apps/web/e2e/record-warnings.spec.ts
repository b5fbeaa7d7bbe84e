// The record form says before saving when a value can never go out as AlimTalk — too long for the template
// variable an active rule fills with it, or a recipient that is not a mobile number — and still lets the admin save.
import { expect, test } from '@playwright/test';
import { leadPartition, templateId, trpcMutation } from './api';
import { logIn } from './fixtures';

test('the record form warns about values NHN can never send, on create and on edit, and saves anyway', async ({ page }) => {
  await page.goto('/login');
  await logIn(page);
  await expect(page.getByRole('navigation', { name: '주 메뉴' })).toBeVisible();

  const ruleName = `경고 환영 ${Date.now()}`;
  const partition = await leadPartition(page);
  await trpcMutation(page, 'templateLinks.create', {
    partitionId: partition.id,
    templateId: await templateId(page, 'SF_WELCOME'),
    name: ruleName,
    recipientField: '전화번호',
    variableMappings: { 이름: '이름', 전화번호: '전화번호' },
    triggerType: 'on_create',
    triggerCondition: null,
    cooldownHours: 0,
  });

  await page.goto('/records');
  await page.getByRole('main').getByRole('button', { name: '레코드 추가' }).first().click();
  const dialog = page.getByRole('dialog', { name: '레코드 추가' });
  const warning = dialog.getByRole('status').filter({ hasText: '알림톡으로 보낼 수 없는 값' });
  await dialog.getByLabel('이름').fill('김'.repeat(1_301));
  await dialog.getByLabel('전화번호').fill('02-123-4567');
  await expect(warning).toContainText('이름: 1,301자');
  await expect(warning).toContainText(`규칙 "${ruleName}"`);
  await expect(warning).toContainText('1,300자까지');
  await expect(warning).toContainText('전화번호: 휴대전화 번호가 아니라서');

  // A warning, not a refusal.
  await dialog.getByRole('button', { name: '추가', exact: true }).click();
  await expect(dialog).toBeHidden();
  // The toast's 열기 (exact: the new row's name button is labelled "… 레코드 열기" once the table shows it).
  await page.getByRole('button', { name: '열기', exact: true }).click();
  const sheet = page.getByRole('dialog', { name: '김'.repeat(20), exact: false });
  const sheetWarning = sheet.getByRole('status').filter({ hasText: '알림톡으로 보낼 수 없는 값' });
  await expect(sheetWarning).toContainText('이름: 1,301자');
  await expect(sheetWarning).toContainText('전화번호: 휴대전화 번호가 아니라서');

  // Fixed values clear their line as the admin types.
  await sheet.getByLabel('전화번호').fill('010-2345-6789');
  await expect(sheetWarning).not.toContainText('전화번호:');
  await expect(sheetWarning).toContainText('이름: 1,301자');
  await sheet.getByLabel('이름').fill('김'.repeat(1_300));
  await expect(sheetWarning).toBeHidden();
});
