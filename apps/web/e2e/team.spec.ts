import path from 'node:path';
import { expect, test } from '@playwright/test';
import { expectLoginPage, logIn } from './fixtures';

test('team: an admin invites a member by link; the member joins, cannot change settings, changes password, signs out everywhere', async ({ page, browser }, testInfo) => {
  // Two people, two browser contexts and five sign-ins (each a deliberately slow password hash): a long journey.
  test.slow();
  await page.goto('/login');
  await logIn(page);
  await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '팀' }).click();
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { level: 1, name: '팀' })).toBeVisible();

  const email = `member-${Date.now()}@e2e.test`;
  await main.getByRole('button', { name: '팀원 초대' }).click();
  const dialog = page.getByRole('dialog', { name: '팀원 초대' });
  await dialog.getByLabel('이메일').fill(email);
  await dialog.getByRole('button', { name: '초대 링크 만들기' }).click();
  const linkDialog = page.getByRole('dialog', { name: '초대 링크를 지금 복사하세요' });
  const link = await linkDialog.getByLabel('초대 링크').inputValue();
  expect(link).toMatch(/\/invite\/inv_/);
  await linkDialog.getByRole('button', { name: '복사했습니다, 닫기' }).click();
  await expect(main.getByRole('list', { name: '대기 중인 초대' })).toContainText(email);

  // The invitee, in a browser of their own.
  const context = await browser.newContext({ locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
  const invitee = await context.newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole('heading', { level: 1, name: '팀 초대 수락' })).toBeVisible();
  await expect(invitee.getByText('데모 영업팀에 멤버(으)로 초대되었습니다.')).toBeVisible();
  await invitee.getByLabel('이름').fill('박멤버');
  await invitee.getByLabel('비밀번호').fill('member-password-1');
  await invitee.screenshot({ path: path.join(testInfo.project.outputDir, 'invite.png') });
  await invitee.getByRole('button', { name: '가입하고 시작하기' }).click();
  const nav = invitee.getByRole('navigation', { name: '주 메뉴' });
  await expect(nav).toBeVisible();

  // Settings are read-only for a member, and the team page offers no invitations.
  await nav.getByRole('link', { name: '설정' }).click();
  await expect(invitee.getByRole('main').getByLabel('NHN Cloud로 실제 발송')).toBeDisabled();
  await expect(invitee.getByRole('main').getByRole('button', { name: '토큰 만들기' })).toHaveCount(0);
  await nav.getByRole('link', { name: '팀' }).click();
  const team = invitee.getByRole('main');
  await expect(team.getByRole('table', { name: '팀원' }).getByRole('row').filter({ hasText: email })).toContainText('멤버');
  await expect(team.getByRole('button', { name: '팀원 초대' })).toHaveCount(0);

  // The link is used up.
  const again = await context.newPage();
  await again.goto(link);
  await expect(again.getByRole('alert')).toContainText('이미 사용한 초대 링크입니다');
  await again.close();

  // Own account: a new password, then signing out everywhere.
  await team.getByLabel('현재 비밀번호').fill('member-password-1');
  await team.getByLabel('새 비밀번호').fill('member-password-2');
  await team.getByRole('button', { name: '비밀번호 변경' }).click();
  await expect(invitee.getByText('비밀번호를 바꿨습니다.')).toBeVisible();
  await team.getByRole('button', { name: '모든 기기에서 로그아웃' }).click();
  await invitee.getByRole('alertdialog').getByRole('button', { name: '모두 로그아웃' }).click();
  await expectLoginPage(invitee);
  await logIn(invitee, email, 'member-password-2');
  await expect(nav).toBeVisible();
  await context.close();

  // The admin sees the new member.
  await page.reload();
  await expect(main.getByRole('table', { name: '팀원' }).getByRole('row').filter({ hasText: email })).toContainText('박멤버');
});
