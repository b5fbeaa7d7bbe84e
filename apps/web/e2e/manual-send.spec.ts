import path from 'node:path';
import { expect, test } from '@playwright/test';
import { leadPartition, templateId, trpcMutation, trpcQuery } from './api';
import { logIn } from './fixtures';

test('manual send from the records table: tick rows, then all matching the search, preview, send once on a double click', async ({ page }, testInfo) => {
  // 21 leads are set up through the API first.
  test.setTimeout(120_000);
  await page.goto('/login');
  await logIn(page);
  await expect(page.getByRole('navigation', { name: '주 메뉴' })).toBeVisible();

  const tag = `수동발송${Date.now()}`;
  const partition = await leadPartition(page);
  const rule = await trpcMutation<{ id: string }>(page, 'templateLinks.create', {
    partitionId: partition.id,
    templateId: await templateId(page, 'SF_WELCOME'),
    name: `e2e 수동 안내 ${tag}`,
    recipientField: '전화번호',
    variableMappings: { 이름: '이름', 전화번호: '전화번호' },
    triggerType: 'manual',
    cooldownHours: 0,
  });
  // 20 leads with numbers and one without: the preview must say who is skipped and why.
  const base = 10_000_000 + (Date.now() % 1_000_000) * 20;
  for (let i = 0; i < 20; i++) {
    const n = String(base + i).slice(-8);
    await trpcMutation(page, 'records.create', { partitionId: partition.id, data: { 이름: `${tag} ${i}`, 전화번호: `010${n}`, 상태: '상담중' } });
  }
  await trpcMutation(page, 'records.create', { partitionId: partition.id, data: { 이름: `${tag} 번호없음`, 상태: '상담중' } });

  await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '레코드' }).click();
  await page.getByRole('searchbox', { name: '레코드 검색' }).fill(tag);
  const table = page.getByRole('table', { name: '리드 레코드 목록' });
  await expect(table.getByRole('row')).toHaveCount(22);

  // Two ticked rows: the bar counts them and offers the whole search.
  await table.getByRole('checkbox', { name: `${tag} 0 선택` }).check();
  await table.getByRole('checkbox', { name: `${tag} 1 선택` }).check();
  const bar = page.getByRole('region', { name: '2개 선택됨' });
  await expect(bar).toBeVisible();
  await bar.getByRole('button', { name: '알림톡 보내기' }).click();
  let dialog = page.getByRole('dialog', { name: '알림톡 보내기' });
  await expect(dialog).toContainText('선택한 레코드 2개');
  await dialog.getByLabel('보낼 규칙').click();
  await page.getByRole('option', { name: new RegExp(`e2e 수동 안내 ${tag}`) }).click();
  await expect(dialog.getByRole('region', { name: '발송 미리보기' })).toContainText('2명에게 보내고 0명은 건너뜁니다.');
  await dialog.getByRole('button', { name: '취소' }).click();

  // All 21 matching the search.
  await bar.getByRole('button', { name: '검색 결과 전체 21개 선택' }).click();
  const allBar = page.getByRole('region', { name: '검색 결과 전체 21개 선택됨' });
  await allBar.getByRole('button', { name: '알림톡 보내기' }).click();
  dialog = page.getByRole('dialog', { name: '알림톡 보내기' });
  await expect(dialog).toContainText('레코드 21개 전체');
  await dialog.getByLabel('보낼 규칙').click();
  await page.getByRole('option', { name: new RegExp(`e2e 수동 안내 ${tag}`) }).click();
  const preview = dialog.getByRole('region', { name: '발송 미리보기' });
  await expect(preview).toContainText('20명에게 보내고 1명은 건너뜁니다.');
  await expect(preview).toContainText('1명: 휴대전화 번호가 없거나 형식이 맞지 않음');
  await expect(preview.getByLabel('보낼 메시지 예시')).toContainText(`${tag}`);
  await expect(preview.getByLabel('보낼 메시지 예시')).toContainText('님, 문의해 주셔서 감사합니다.');
  await page.screenshot({ path: path.join(testInfo.project.outputDir, 'manual-send.png') });
  await dialog.getByRole('button', { name: '20명에게 보내기' }).dblclick();
  await expect(page.getByText('20건을 발송 대기열에 넣었습니다. 1건은 건너뛰었습니다.')).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(allBar).toBeHidden();

  // Once each, as manual sends, in the log.
  const logs = await trpcQuery<{ items: { status: string; triggerType: string }[] }>(page, 'sendLogs.list', { linkId: rule.id, limit: 100 });
  expect(logs.items).toHaveLength(21);
  expect(logs.items.every((l) => l.triggerType === 'manual')).toBe(true);
  expect(logs.items.filter((l) => l.status === 'skipped')).toHaveLength(1);

  // And in the record's own history.
  await table.getByRole('button', { name: `${tag} 3 레코드 열기` }).click();
  const history = page.getByRole('dialog', { name: `${tag} 3` }).getByRole('region', { name: '자동화 기록' });
  await expect(history.getByText(`'e2e 수동 안내 ${tag}' 규칙: 수동으로 보냄`)).toBeVisible();
});
