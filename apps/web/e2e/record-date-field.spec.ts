import { expect, test } from '@playwright/test';
import { trpcMutation, trpcQuery, uniquePhone } from './api';
import { logIn } from './fixtures';

// A record's date field reads 연도-월-일 like every other date field, takes the ways people type a day, and refuses
// text that is not a day instead of quietly saving the last readable one (or nothing).
test('a record date field takes 2026.3.1 as 2026-03-01 and refuses 2026-13-45 next to the field', async ({ page }) => {
  await page.goto('/login');
  await logIn(page);
  await expect(page.getByRole('navigation', { name: '주 메뉴' })).toBeVisible();
  const partition = await trpcMutation<{ id: string }>(page, 'partitions.create', {
    name: `계약 ${Date.now()}`,
    fields: [
      { key: '이름', label: '이름', type: 'text' },
      { key: '전화번호', label: '전화번호', type: 'phone' },
      { key: '계약일', label: '계약일', type: 'date' },
    ],
    phoneField: '전화번호',
  });
  await page.goto(`/records?partition=${partition.id}`);
  await page.getByRole('main').getByRole('button', { name: '레코드 추가' }).first().click();
  const dialog = page.getByRole('dialog', { name: '레코드 추가' });
  const day = dialog.getByLabel('계약일');
  await expect(day).toHaveAttribute('placeholder', '연도-월-일');

  await dialog.getByLabel('이름').fill('날짜 고객');
  await dialog.getByLabel('전화번호').fill(uniquePhone().digits);
  await day.fill('2026-13-45');
  await dialog.getByRole('button', { name: '추가', exact: true }).click();
  await expect(day).toHaveAttribute('aria-invalid', 'true');
  await expect(day).toHaveAccessibleDescription('날짜를 입력하세요. (예: 2026-03-01)');
  await expect(dialog).toBeVisible();
  expect((await trpcQuery<{ items: unknown[] }>(page, 'records.list', { partitionId: partition.id })).items).toHaveLength(0);

  await day.fill('2026.3.1');
  await dialog.getByLabel('이름').click();
  await expect(day).toHaveValue('2026-03-01');
  await dialog.getByRole('button', { name: '추가', exact: true }).click();
  await expect(dialog).toBeHidden();
  const { items } = await trpcQuery<{ items: { data: Record<string, unknown> }[] }>(page, 'records.list', { partitionId: partition.id });
  expect(items.map((r) => r.data['계약일'])).toEqual(['2026-03-01']);
});
