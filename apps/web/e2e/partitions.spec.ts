import path from 'node:path';
import { expect, test } from '@playwright/test';
import { templateId, trpcMutation, trpcQuery } from './api';
import { logIn } from './fixtures';

test('partitions: create one with a number field, a rule on it, a breaking edit offered with its consequence, archive and restore', async ({ page }, testInfo) => {
  await page.goto('/login');
  await logIn(page);
  await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '파티션' }).click();
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { level: 1, name: '파티션' })).toBeVisible();

  const name = `e2e 상담 ${Date.now()}`;
  await main.getByRole('button', { name: '파티션 만들기' }).click();
  const editor = page.getByRole('dialog', { name: '파티션 만들기' });
  await editor.getByLabel('파티션 이름').fill(name);
  await editor.getByLabel('1번째 필드 이름').fill('이름');
  const addField = editor.getByRole('button', { name: '필드 추가' });
  const field = async (n: number, label: string, type: string, options?: string) => {
    await addField.click();
    await editor.getByLabel(`${n}번째 필드 이름`).fill(label);
    await editor.getByLabel(`${n}번째 필드 종류`).click();
    await page.getByRole('option', { name: type, exact: true }).click();
    if (options) await editor.getByLabel(`${n}번째 필드 보기`).fill(options);
  };
  await field(2, '금액', '숫자');
  await field(3, '연락처', '전화번호');
  await field(4, '단계', '선택', '신규, 계약');
  // Order: 연락처 before 금액.
  await editor.getByRole('button', { name: '3번째 필드 위로' }).click();
  await expect(editor.getByLabel('2번째 필드 이름')).toHaveValue('연락처');
  await editor.getByLabel('기본 전화번호 필드').click();
  await page.getByRole('option', { name: '연락처' }).click();
  await page.screenshot({ path: path.join(testInfo.project.outputDir, 'partition-editor.png') });
  await editor.getByRole('button', { name: '만들기', exact: true }).click();
  await expect(page.getByText(`'${name}' 파티션을 만들었습니다.`)).toBeVisible();
  const row = main.getByRole('table', { name: '파티션 목록' }).getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('이름 (텍스트), 연락처 (전화번호), 금액 (숫자), 단계 (선택)');

  // A rule on the number field.
  const partitions = await trpcQuery<{ id: string; name: string; phoneField: string | null }[]>(page, 'partitions.list');
  const created = partitions.find((p) => p.name === name)!;
  expect(created.phoneField).toBe('연락처');
  await trpcMutation(page, 'templateLinks.create', {
    partitionId: created.id,
    templateId: await templateId(page, 'SF_WELCOME'),
    name: `${name} 큰 금액`,
    recipientField: '연락처',
    variableMappings: { 이름: '이름', 전화번호: '연락처' },
    triggerType: 'on_create',
    triggerCondition: { field: '금액', operator: 'gte', value: 1000000 },
  });

  // Removing 금액 would break it: the editor names the rule and offers to turn it off.
  await row.getByRole('button', { name: `${name} 편집` }).click();
  const edit = page.getByRole('dialog', { name: `'${name}' 편집` });
  await edit.getByRole('button', { name: '3번째 필드 삭제' }).click();
  await edit.getByLabel('1번째 필드 이름').fill('고객 이름');
  await edit.getByRole('button', { name: '저장', exact: true }).click();
  const confirm = page.getByRole('alertdialog', { name: '이 변경은 켜진 규칙 1개를 망가뜨립니다' });
  await expect(confirm).toContainText(`${name} 큰 금액`);
  await confirm.getByRole('button', { name: '규칙 1개를 끄고 저장' }).click();
  await expect(page.getByText(`파티션을 저장하고 규칙 1개를 껐습니다: ${name} 큰 금액`)).toBeVisible();
  await expect(row).toContainText('고객 이름 (텍스트), 연락처 (전화번호), 단계 (선택)');

  // Archive, then restore.
  await row.getByRole('button', { name: `${name} 보관` }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: '규칙을 끄고 보관' }).click();
  await expect(page.getByText(`'${name}' 파티션을 보관했습니다.`)).toBeVisible();
  await expect(row).toContainText('보관됨');
  await row.getByRole('button', { name: `${name} 복원` }).click();
  await expect(page.getByText(`'${name}' 파티션을 복원했습니다.`)).toBeVisible();
  await expect(row).not.toContainText('보관됨');
});
