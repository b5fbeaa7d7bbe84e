import path from 'node:path';
import { expect, test } from '@playwright/test';
import { leadPartition } from './api';
import { logIn } from './fixtures';

const RULE = '신규 리드 환영';

test('build a rule, see it fire for a new record, turn it off', async ({ page }, testInfo) => {
  await page.goto('/login');
  await logIn(page);
  await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '자동화', exact: true }).click();
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { level: 1, name: '자동화' })).toBeVisible();

  // No rules yet: the empty state says what a rule does and offers to make one.
  const empty = main.getByRole('region', { name: '아직 자동화 규칙이 없습니다' });
  await expect(empty).toContainText('레코드가 생기거나 바뀔 때');
  await empty.getByRole('button', { name: '규칙 만들기' }).click();

  const builder = page.getByRole('dialog', { name: '규칙 만들기' });
  await expect(builder).toBeVisible();

  // Saving an empty draft says what is missing, next to the field, in words.
  await builder.getByRole('button', { name: '저장' }).click();
  await expect(builder.getByLabel('규칙 이름')).toHaveAccessibleDescription(/규칙 이름을 입력하세요/);
  await expect(builder.getByRole('alert')).toContainText('표시된 곳을 고쳐 주세요');

  await builder.getByLabel('규칙 이름').fill(RULE);

  // 1. 템플릿: the content shows with its #{variables}.
  await builder.getByRole('combobox', { name: '템플릿' }).click();
  await page.getByRole('option', { name: /SF_WELCOME/ }).click();
  await expect(builder.getByText('문의해 주셔서 감사합니다', { exact: false })).toBeVisible();
  await expect(builder.getByRole('button', { name: '템플릿 동기화' })).toBeVisible();
  await page.screenshot({ path: path.join(testInfo.project.outputDir, 'automations-builder-template.png') });

  // 2. 대상: the 리드 partition, its phone field as recipient, variables pre-mapped by name.
  await expect(builder.getByRole('combobox', { name: '파티션' })).toHaveText('리드');
  await expect(builder.getByRole('combobox', { name: '수신 번호 필드' })).toHaveText('전화번호');
  await expect(builder.getByRole('combobox', { name: '#{이름} 변수에 넣을 필드' })).toHaveText('이름');
  await expect(builder.getByRole('combobox', { name: '#{전화번호} 변수에 넣을 필드' })).toHaveText('전화번호');

  // 3. 트리거와 조건: on create, 상태 = 신규, read back as a sentence.
  await builder.getByRole('radio', { name: '레코드가 생성될 때' }).check();
  await builder.getByRole('button', { name: '조건 추가', exact: true }).click();
  await builder.getByRole('combobox', { name: '조건 1 필드' }).click();
  await page.getByRole('option', { name: '상태' }).click();
  // Change comparisons make no sense on create, so the menu does not offer them.
  await builder.getByRole('combobox', { name: '조건 1 비교' }).click();
  await expect(page.getByRole('option', { name: '같음 (=)' })).toBeVisible();
  await expect(page.getByRole('option', { name: '바뀜' })).toHaveCount(0);
  await page.getByRole('option', { name: '같음 (=)' }).click();
  await builder.getByRole('combobox', { name: '조건 1 값' }).click();
  await page.getByRole('option', { name: '신규' }).click();
  await expect(builder.getByText("상태가 '신규'일 때")).toBeVisible();

  // 4–5. 반복 stays off by default; 쿨다운 defaults to one hour.
  await expect(builder.getByRole('checkbox', { name: '반복 발송' })).not.toBeChecked();
  await expect(builder.getByLabel('쿨다운 (시간)')).toHaveValue('1');

  // 6. 미리보기 answers for today's records.
  await page.screenshot({ path: path.join(testInfo.project.outputDir, 'automations-builder.png') });
  await builder.getByRole('heading', { name: '미리보기' }).scrollIntoViewIfNeeded();
  await expect(builder.getByText('지금 조건에 맞는 레코드')).toBeVisible();
  await page.screenshot({ path: path.join(testInfo.project.outputDir, 'automations-builder-preview.png') });

  await builder.getByRole('button', { name: '저장' }).click();
  await expect(page.getByText(`'${RULE}' 규칙을 저장했습니다.`)).toBeVisible();
  await expect(builder).toBeHidden();

  // The list reads the rule back: trigger and condition in words, switch on.
  const row = main.getByRole('row', { name: new RegExp(RULE) });
  await expect(row).toContainText("상태가 '신규'일 때");
  await expect(row).toContainText('자동');
  await expect(row).toContainText('신규 문의 환영');
  const toggle = row.getByRole('switch', { name: `'${RULE}' 규칙 켜기` });
  await expect(toggle).toBeChecked();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(testInfo.project.outputDir, 'automations-list.png'), fullPage: true });

  // The server's refusals land next to the field they are about: names are unique within a partition.
  await main.getByRole('button', { name: '규칙 만들기' }).click();
  const second = page.getByRole('dialog', { name: '규칙 만들기' });
  await second.getByLabel('규칙 이름').fill(RULE);
  await second.getByRole('combobox', { name: '템플릿' }).click();
  await page.getByRole('option', { name: /SF_STATUS/ }).click();
  await second.getByRole('button', { name: '저장' }).click();
  await expect(second.getByLabel('규칙 이름')).toHaveAccessibleDescription(/같은 이름의 규칙이 이미 있습니다/);
  await expect(second.getByLabel('규칙 이름')).toBeFocused();
  // The draft has changes: closing asks first.
  await page.keyboard.press('Escape');
  await page.getByRole('alertdialog', { name: '작성 중인 규칙을 버릴까요?' }).getByRole('button', { name: '버리기' }).click();
  await expect(second).toBeHidden();

  // A new lead through the API: the rule fires for it.
  const partitionId = (await leadPartition(page)).id;
  const created = await page.request.post('/trpc/records.create', {
    data: { partitionId, data: { 이름: '김신규', 전화번호: '010-2345-6789', 상태: '신규' } },
  });
  expect(created.ok(), await created.text()).toBe(true);

  await row.getByRole('button', { name: RULE, exact: true }).click();
  const detail = page.getByRole('dialog', { name: RULE });
  await expect(detail).toBeVisible();
  await expect(page).toHaveURL(/[?&]rule=/);
  await expect(detail).toContainText("상태가 '신규'일 때");
  await expect(detail).toContainText('레코드가 생성될 때');
  const events = detail.getByRole('list', { name: '최근 실행 기록' });
  // The worker evaluates the record right after its transaction commits; refresh until it shows (bounded).
  await expect(async () => {
    await detail.getByRole('button', { name: '실행 기록 새로고침' }).click();
    await expect(events.getByRole('listitem').first().getByText('발송', { exact: true })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  const fired = events.getByRole('listitem').first();
  await expect(fired).toContainText('레코드 생성');
  await expect(fired).toContainText('김신규 (010-2345-6789)');
  // The condition check behind the decision: 상태, expected 신규, actual 신규, held.
  await fired.getByText('조건 확인 내역').click();
  await expect(fired).toContainText('기대신규');
  await expect(fired).toContainText('실제신규');
  await expect(fired.getByText('만족', { exact: true })).toBeAttached();
  await page.screenshot({ path: path.join(testInfo.project.outputDir, 'automations-detail.png') });

  // The sheet is a dialog: Escape closes it and the URL forgets it.
  await page.keyboard.press('Escape');
  await expect(detail).toBeHidden();
  await expect(page).not.toHaveURL(/[?&]rule=/);

  // Test send from the row menu: the number is checked and tidied as automation-core does.
  await row.getByRole('button', { name: `'${RULE}' 규칙 작업` }).click();
  await page.getByRole('menuitem', { name: '테스트 발송' }).click();
  const testSend = page.getByRole('dialog', { name: '테스트 발송' });
  const phone = testSend.getByLabel('받을 휴대전화 번호');
  await phone.fill('02-123-4567');
  await testSend.getByRole('button', { name: '보내기' }).click();
  await expect(phone).toHaveAccessibleDescription(/유선·인터넷 전화는 알림톡을 받을 수 없습니다/);
  await phone.fill('01012345678');
  await phone.blur();
  await expect(phone).toHaveValue('010-1234-5678');
  await testSend.getByRole('button', { name: '보내기' }).click();
  await expect(page.getByText('010-1234-5678 번호로 테스트 발송을 요청했습니다.', { exact: false })).toBeVisible();
  await expect(testSend).toBeHidden();

  // Off, at once, with a toast; still off after a reload.
  await toggle.click();
  await expect(toggle).not.toBeChecked();
  await expect(page.getByText(`'${RULE}' 규칙을 껐습니다.`)).toBeVisible();
  await page.reload();
  await expect(main.getByRole('switch', { name: `'${RULE}' 규칙 켜기` })).not.toBeChecked();

  // Narrow screens: the builder takes the whole width and stays usable.
  await page.setViewportSize({ width: 390, height: 844 });
  await main.getByRole('button', { name: '규칙 만들기' }).click();
  const narrow = page.getByRole('dialog', { name: '규칙 만들기' });
  await narrow.getByRole('button', { name: '조건 추가', exact: true }).click();
  await narrow.getByRole('group', { name: '조건 1' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(testInfo.project.outputDir, 'automations-builder-narrow.png') });
  await page.keyboard.press('Escape');
  await page.getByRole('alertdialog', { name: '작성 중인 규칙을 버릴까요?' }).getByRole('button', { name: '버리기' }).click();
  await expect(narrow).toBeHidden();
});

test('the condition builder nests groups and works from the keyboard', async ({ page }, testInfo) => {
  // Signing in from /automations comes back here.
  await page.goto('/automations');
  await logIn(page);
  await expect(page).toHaveURL(/\/automations$/);
  // A lead for the preview to find.
  const created = await page.request.post('/trpc/records.create', {
    data: { partitionId: (await leadPartition(page)).id, data: { 이름: '이방문', 전화번호: '01098765432', 상태: '상담중' } },
  });
  expect(created.ok(), await created.text()).toBe(true);
  await page.getByRole('main').getByRole('button', { name: '규칙 만들기' }).first().click();
  const builder = page.getByRole('dialog', { name: '규칙 만들기' });

  // Updates: change comparisons are offered, and "when to send" is explained.
  await builder.getByRole('radio', { name: '레코드가 수정될 때' }).check();
  await expect(builder.getByRole('radio', { name: '조건을 새로 만족하게 됐을 때만' })).toBeChecked();

  // A leaf, then a nested "any" group with its own leaf: two levels.
  await builder.getByRole('button', { name: '조건 추가', exact: true }).click();
  await expect(builder.getByRole('combobox', { name: '조건 1 필드' })).toBeFocused();
  await page.keyboard.press('Enter');
  await page.getByRole('option', { name: '상태' }).press('Enter');
  await builder.getByRole('combobox', { name: '조건 1 비교' }).click();
  await page.getByRole('option', { name: '~(으)로 바뀜' }).click();
  await builder.getByRole('combobox', { name: '조건 1 값' }).click();
  await page.getByRole('option', { name: '상담중' }).click();

  await builder.getByRole('button', { name: '조건 그룹 추가', exact: true }).click();
  const group = builder.getByRole('group', { name: '그룹 2' });
  await expect(group).toBeVisible();
  await group.getByRole('combobox', { name: '조건 2.1 필드' }).click();
  await page.getByRole('option', { name: '이름' }).click();
  await group.getByRole('combobox', { name: '조건 2.1 비교' }).click();
  await page.getByRole('option', { name: '비어 있지 않음' }).click();
  // No value for "is not empty".
  await expect(group.getByRole('textbox', { name: '조건 2.1 값' })).toHaveCount(0);
  await group.getByRole('button', { name: '그룹 2에 조건 추가' }).click();
  await group.getByRole('combobox', { name: '조건 2.2 필드' }).click();
  await page.getByRole('option', { name: '전화번호' }).click();
  await group.getByRole('combobox', { name: '조건 2.2 비교' }).click();
  await page.getByRole('option', { name: '~(으)로 시작함' }).click();
  await group.getByRole('textbox', { name: '조건 2.2 값' }).fill('010');
  await expect(builder.getByText("상태가 '상담중'으로 바뀌었고 (이름이 비어 있지 않거나 전화번호가 '010'으로 시작할) 때")).toBeVisible();

  // Switching to "on create" keeps the leaf but flags the change comparison next to it.
  await builder.getByRole('radio', { name: '레코드가 생성될 때' }).check();
  await expect(builder.getByRole('group', { name: '조건 1' })).toContainText("'바뀜' 비교는 '레코드가 수정될 때' 트리거의 조건에서만");
  await builder.getByRole('button', { name: '조건 1 삭제' }).click();
  // Focus moves on to the next condition rather than getting lost.
  await expect(builder.getByRole('combobox', { name: '조건 1.1 필드' })).toBeFocused();
  await expect(builder.getByText('전화번호가 \'010\'으로 시작할 때', { exact: false })).toBeVisible();

  // Repeat: off by default; on, it needs a stop condition without change comparisons.
  await builder.getByRole('checkbox', { name: '반복 발송' }).check();
  await expect(builder.getByLabel('반복 간격 (시간)')).toHaveValue('24');
  await expect(builder.getByLabel('최대 반복 횟수')).toHaveValue('3');
  await builder.getByRole('button', { name: '중단 조건 추가' }).click();
  await builder.getByRole('combobox', { name: '중단 조건 1 필드' }).click();
  await page.getByRole('option', { name: '상태' }).click();
  await builder.getByRole('combobox', { name: '중단 조건 1 비교' }).click();
  await expect(page.getByRole('option', { name: '바뀜' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await builder.getByRole('combobox', { name: '중단 조건 1 값' }).click();
  await page.getByRole('option', { name: '응답완료' }).click();
  await expect(builder).toContainText('24시간마다 다시 보내며, 최대 3번까지');

  // A template still in review can be chosen, with a warning; the rule saves but will not send until approved.
  await builder.getByRole('combobox', { name: '템플릿' }).click();
  await page.getByRole('option', { name: /SF_VISIT/ }).click();
  await expect(builder.getByText('승인되지 않은 템플릿입니다')).toBeVisible();
  await builder.getByLabel('규칙 이름').fill('방문 예약 리마인드');
  await builder.getByRole('heading', { name: '반복' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(testInfo.project.outputDir, 'automations-builder-repeat.png') });
  // The preview renders a sample from the newest record that matches now.
  await builder.getByRole('heading', { name: '미리보기' }).scrollIntoViewIfNeeded();
  await expect(builder.getByText('이방문님, 방문 상담 예약이 접수되었습니다.', { exact: false })).toBeVisible();
  await expect(builder.getByText('받는 번호: 010-9876-5432')).toBeVisible();
  await builder.getByText('이방문님, 방문 상담 예약이 접수되었습니다.', { exact: false }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(testInfo.project.outputDir, 'automations-builder-preview-sample.png') });
  await builder.getByRole('button', { name: '저장' }).click();
  await expect(page.getByText("'방문 예약 리마인드' 규칙을 저장했습니다.")).toBeVisible();
  await expect(builder).toBeHidden();
  const row = page.getByRole('row', { name: /방문 예약 리마인드/ });
  await expect(row).toContainText("24시간마다 최대 3회, 상태가 '응답완료'일 때 중단");
  await expect(row).toContainText('검수 중');

  // Editing reads the saved rule back into the builder; Escape closes it without saving.
  await row.getByRole('button', { name: "'방문 예약 리마인드' 규칙 작업" }).click();
  await page.getByRole('menuitem', { name: '수정' }).click();
  const editor = page.getByRole('dialog', { name: "'방문 예약 리마인드' 규칙 수정" });
  await expect(editor.getByRole('checkbox', { name: '반복 발송' })).toBeChecked();
  await expect(editor.getByRole('combobox', { name: '중단 조건 1 값' })).toHaveText('응답완료');
  await expect(editor.getByRole('combobox', { name: '파티션' })).toBeDisabled();
  // Cooldown 0 = none, said in words; the change saves through templateLinks.update.
  await editor.getByLabel('쿨다운 (시간)').fill('0');
  await expect(editor.getByText('쿨다운 없음: 조건에 맞을 때마다 보냅니다.')).toBeVisible();
  await editor.getByRole('button', { name: '저장' }).click();
  await expect(page.getByText("'방문 예약 리마인드' 규칙을 저장했습니다.").last()).toBeVisible();
  await expect(editor).toBeHidden();
  await expect(row.getByRole('cell', { name: '없음', exact: true })).toBeVisible();

  // English is complete too.
  await page.getByRole('banner').getByRole('combobox', { name: '언어' }).selectOption({ label: 'English' });
  await expect(page.getByRole('main').getByRole('heading', { level: 1, name: 'Automations' })).toBeVisible();
  await expect(row).toContainText('Every 24 hours, up to 3 times; stops when 상태 is');
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(testInfo.project.outputDir, 'automations-list-en.png'), fullPage: true });

  // Delete asks first (focus on the safe choice), then says what it did.
  await row.getByRole('button', { name: "Actions for rule '방문 예약 리마인드'" }).click();
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  const confirm = page.getByRole('alertdialog', { name: "Delete rule '방문 예약 리마인드'?" });
  await expect(confirm).toContainText('Send logs and activity so far are kept');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText("Deleted rule '방문 예약 리마인드'.")).toBeVisible();
  await expect(row).toBeHidden();
});
