// 대체 발송: an admin turns on the SMS fallback in the rule builder, is told before saving that the AlimTalk text
// will be cut to 90 bytes, and a lead whose number is not on KakaoTalk (the sandbox's demo number 010-0000-0000)
// shows up in 발송 로그 as "문자로 대체 발송됨" — and cannot be retried there, since the person already has the text.
import { expect, test } from '@playwright/test';
import { leadPartition, trpcMutation } from './api';
import { logIn } from './fixtures';

/** SANDBOX_NON_KAKAO_NUMBERS: the sandbox NHN finds no KakaoTalk user there and sends the fallback. */
const NOT_ON_KAKAO = '010-0000-0000';

test('SMS fallback: configured and warned about in the builder, then "문자로 대체 발송됨" in the send log', async ({ page }) => {
  // The fallback's result arrives with the once-a-minute delivery poll.
  test.setTimeout(240_000);
  await page.goto('/login');
  await logIn(page);
  await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '자동화', exact: true }).click();
  await expect(page.getByRole('main').getByRole('heading', { level: 1, name: '자동화' })).toBeVisible();

  const who = `대체발송 ${Date.now()}`;
  const ruleName = `e2e 문자 대체 ${Date.now()}`;
  await page.getByRole('main').getByRole('button', { name: '규칙 만들기' }).first().click();
  const builder = page.getByRole('dialog', { name: '규칙 만들기' });
  await builder.getByLabel('규칙 이름').fill(ruleName);
  await builder.getByRole('combobox', { name: '템플릿' }).click();
  await page.getByRole('option', { name: /SF_WELCOME/ }).click();
  await builder.getByRole('button', { name: '조건 추가', exact: true }).click();
  await builder.getByRole('combobox', { name: '조건 1 필드' }).click();
  await page.getByRole('option', { name: '이름' }).click();
  await builder.getByLabel('조건 1 값').fill(who);

  // Off by default; SMS asks for a sender number and says the AlimTalk text is over 90 bytes.
  const section = builder.getByRole('region', { name: '대체 발송' });
  await expect(section.getByRole('radio', { name: /^대체 발송 안 함/ })).toBeChecked();
  await section.getByRole('radio', { name: /^SMS로 대체 발송/ }).check();
  await expect(section.getByTestId('fallback-size')).toHaveText(/^SMS 내용: 약 \d+바이트 \/ 90바이트$/);
  const cut = section.getByRole('status').filter({ hasText: '잘립니다' });
  await expect(cut).toHaveText(/문자 내용이 \d+바이트로 SMS 한도 90바이트를 넘습니다\. 90바이트까지만 보내고 나머지는 잘립니다\./);
  const bytes = Number(/(\d+)바이트로/.exec((await cut.textContent()) ?? '')![1]);
  expect(bytes).toBeGreaterThan(90);

  // LMS holds 2,000 bytes: no warning. A short text of its own fits an SMS too.
  await section.getByRole('radio', { name: /^LMS로 대체 발송/ }).check();
  await expect(section.getByTestId('fallback-size')).toHaveText(`LMS 내용: 약 ${bytes}바이트 / 2000바이트`);
  await expect(cut).toBeHidden();
  await section.getByRole('radio', { name: /^SMS로 대체 발송/ }).check();
  await section.getByLabel('문자 내용 (선택)').fill('#{이름}님 문의 감사합니다');
  await expect(cut).toBeHidden();
  await section.getByLabel('문자 내용 (선택)').fill('');
  await expect(cut).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('builder-fallback-cut.png') });

  // A sender number that is not one is refused next to the field, in Korean; nothing is saved.
  await section.getByLabel('발신번호').fill('12-34');
  await builder.getByRole('button', { name: '저장' }).click();
  await expect(section.getByText('발신번호는 0 또는 1로 시작하는 8–13자리 숫자로 입력하세요')).toBeVisible();
  await expect(builder).toBeVisible();
  await section.getByLabel('발신번호').fill('02-1234-5678');
  await builder.getByRole('button', { name: '저장' }).click();
  await expect(builder).toBeHidden();
  await expect(page.getByRole('main').getByRole('row', { name: new RegExp(ruleName) })).toBeVisible();

  // A lead whose number is not on KakaoTalk.
  const partition = await leadPartition(page);
  await trpcMutation(page, 'records.create', { partitionId: partition.id, data: { 이름: who, 전화번호: NOT_ON_KAKAO, 상태: '신규' } });

  await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '발송 로그' }).click();
  await expect(page.getByRole('main').getByRole('heading', { level: 1, name: '발송 로그' })).toBeVisible();
  const row = page.getByRole('table', { name: '발송 로그 목록' }).getByRole('row').filter({ hasText: ruleName });
  // Sent by the worker, refused by KakaoTalk (톡 유저 아님), then sent as a text: reload until the poll has said so.
  await expect(async () => {
    await page.reload();
    await expect(row).toContainText('문자로 대체 발송됨', { timeout: 8_000 });
  }).toPass({ timeout: 200_000, intervals: [1_000, 2_000, 5_000] });
  await expect(row).toContainText(NOT_ON_KAKAO);

  await row.getByRole('button', { name: `${NOT_ON_KAKAO} 발송 상세 보기` }).click();
  const sheet = page.getByRole('dialog', { name: '발송 상세' });
  await expect(sheet.getByText('SMS · 문자로 대체 발송됨')).toBeVisible();
  await expect(sheet.getByText('톡 유저 아님').first()).toBeVisible();
  // The person already has the text: a retry would reach them twice, so it is off and says why.
  await expect(sheet.getByRole('button', { name: '이 발송 재시도' })).toBeDisabled();
  await expect(sheet.getByText(/^문자\(SMS\/LMS\)로 대체 발송되어 이미 전달되었습니다\./)).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('log-fallback-sent.png') });
  await page.keyboard.press('Escape');
  await expect(row.getByRole('checkbox', { name: /^문자\(SMS\/LMS\)로 대체 발송되어 이미 전달되었습니다/ })).toBeDisabled();
});
