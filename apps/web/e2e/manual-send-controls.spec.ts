// The manual-send preview names the recipients an automatic send would hold for the send window or skip for the
// frequency cap, and says a manual send goes out anyway — before the admin confirms.
import { expect, test } from '@playwright/test';
import { leadPartition, templateId, trpcMutation, uniquePhone } from './api';
import { logIn } from './fixtures';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

test.afterEach(async ({ page }) => {
  // Leave the seeded org as other specs expect it: no window, no cap.
  await trpcMutation(page, 'deliverySettings.update', { sendWindow: null, frequencyCap: null });
});

test('manual send preview: who is outside the send window, and that a manual send still goes now', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/login');
  await logIn(page);
  await expect(page.getByRole('navigation', { name: '주 메뉴' })).toBeVisible();

  // Every day but today (KST), all day: closed now.
  const today = WEEKDAYS[(new Date(Date.now() + 9 * 3_600_000).getUTCDay() + 6) % 7];
  await trpcMutation(page, 'deliverySettings.update', {
    sendWindow: { days: WEEKDAYS.filter((d) => d !== today), start: '00:00', end: '24:00', skipHolidays: false },
  });
  const tag = `통제미리보기${Date.now()}`;
  const partition = await leadPartition(page);
  await trpcMutation(page, 'templateLinks.create', {
    partitionId: partition.id,
    templateId: await templateId(page, 'SF_WELCOME'),
    name: `e2e 수동 통제 ${tag}`,
    recipientField: '전화번호',
    variableMappings: { 이름: '이름', 전화번호: '전화번호' },
    triggerType: 'manual',
    cooldownHours: 0,
  });
  const phone = uniquePhone();
  await trpcMutation(page, 'records.create', { partitionId: partition.id, data: { 이름: `${tag} 고객`, 전화번호: phone.display, 상태: '상담중' } });

  await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '레코드' }).click();
  await page.getByRole('searchbox', { name: '레코드 검색' }).fill(tag);
  const table = page.getByRole('table', { name: '리드 레코드 목록' });
  // A tick before the search applies is cleared with the old list (the selection belongs to a search).
  await expect(table.getByRole('row')).toHaveCount(2);
  await table.getByRole('checkbox', { name: `${tag} 고객 선택` }).check();
  await page.getByRole('region', { name: '1개 선택됨' }).getByRole('button', { name: '알림톡 보내기' }).click();
  const dialog = page.getByRole('dialog', { name: '알림톡 보내기' });
  await dialog.getByLabel('보낼 규칙').click();
  await page.getByRole('option', { name: new RegExp(`e2e 수동 통제 ${tag}`) }).click();

  const preview = dialog.getByRole('region', { name: '발송 미리보기' });
  await expect(preview).toContainText('1명에게 보내고 0명은 건너뜁니다.');
  const note = preview.getByRole('note', { name: '자동 발송이었다면' });
  await expect(note).toContainText('1명: 지금은 발송 가능 시간 밖이라 자동 발송이라면 기다립니다');
  await expect(note.getByRole('list', { name: '해당 수신자' })).toContainText('발송 가능 시간까지 대기 (내일 00:00)');
  await expect(note).toContainText('수동 발송은 발송 가능 시간과 빈도 제한에 관계없이 지금 바로 나가며');
  await expect(dialog.getByRole('button', { name: '1명에게 보내기' })).toBeEnabled();
  await page.screenshot({ path: test.info().outputPath('manual-send-controls.png') });
});
