// 시스템: an admin sees the worker alive, the queue and the sandbox mode, finds a permanently failed job of their
// org and runs it again (the real worker then completes it), and discards another behind a confirmation.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { leadPartition, trpcMutation, uniquePhone } from './api';
import { logIn } from './fixtures';

/** The server's embedded Postgres (DATA_DIR/pg): its port is the 4th line of postmaster.pid. */
function databaseUrl(): string {
  const lines = readFileSync(path.join(process.env.E2E_DATA_DIR!, 'pg', 'postmaster.pid'), 'utf8').split('\n');
  return `postgresql://postgres:postgres@127.0.0.1:${Number(lines[3])}/alimflow`;
}

/**
 * A record event's evaluation left as graphile-worker leaves a job whose last attempt failed (e.g. the database
 * went away mid-run): attempts used up, last error kept. Nothing in the UI can produce that on demand.
 */
async function failedEvaluation(event: { orgId: string; recordId: string; partitionId: string }, error: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  await client.connect();
  try {
    const payload = { eventId: `e2e-${Date.now()}-${Math.random()}`, ...event, event: 'create', before: null, after: {}, at: new Date().toISOString() };
    // Far in the future first, so the worker does not take it before it is marked failed.
    const { rows } = await client.query<{ id: string }>(
      `SELECT id::text FROM graphile_worker.add_job('automation.evaluate', $1::json, run_at => now() + interval '1 day', max_attempts => 3)`,
      [JSON.stringify(payload)],
    );
    const id = rows[0]!.id;
    await client.query(`UPDATE graphile_worker._private_jobs SET attempts = 3, last_error = $2, run_at = now() WHERE id = $1::bigint`, [id, error]);
    return id;
  } finally {
    await client.end();
  }
}

test('the System page shows the install and retries and discards a failed job', async ({ page }) => {
  await page.goto('/login');
  await logIn(page);
  await expect(page).toHaveURL('/');

  const partition = await leadPartition(page);
  const phone = uniquePhone();
  const record = await trpcMutation<{ id: string; orgId: string }>(page, 'records.create', { partitionId: partition.id, data: { 이름: '시스템 점검', 전화번호: phone.display } });
  const event = { orgId: record.orgId, recordId: record.id, partitionId: partition.id };
  const retryId = await failedEvaluation(event, 'Connection terminated unexpectedly\n    at /srv/alimflow/node_modules/pg/lib/client.js:132:73');
  const discardId = await failedEvaluation(event, 'Connection terminated unexpectedly');

  await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '시스템', exact: true }).click();
  await expect(page).toHaveURL('/system');
  await expect(page.getByRole('heading', { level: 1, name: '시스템' })).toBeVisible();
  await expect(page.getByText('샌드박스', { exact: true }).last()).toBeVisible();

  // The in-process worker of `pnpm start`, alive.
  const workers = page.getByRole('table', { name: '작업자 프로세스' });
  await expect(workers.getByRole('row')).toHaveCount(2);
  await expect(workers.getByText('정상')).toBeVisible();

  // The queue counts both failed jobs under the evaluation task.
  const queue = page.getByRole('table', { name: '작업 대기열' });
  await expect(queue.getByRole('row', { name: /레코드 변경 평가/ }).getByRole('cell').nth(3)).toHaveText('2');

  // The failed jobs, with the error's first line and no file path.
  const jobs = page.getByRole('table', { name: '영구 실패한 작업' });
  const retryRow = jobs.getByRole('row', { name: new RegExp(`^${retryId}\\b`) });
  await expect(retryRow).toContainText('Connection terminated unexpectedly');
  await expect(jobs).not.toContainText('/srv/alimflow');

  // Retry: confirm, the worker runs it again and this time it completes, so it leaves the list.
  await retryRow.getByRole('button', { name: `작업 ${retryId} 다시 실행` }).click();
  const confirmRetry = page.getByRole('alertdialog', { name: '이 작업을 다시 실행할까요?' });
  await expect(confirmRetry).toBeVisible();
  await confirmRetry.getByRole('button', { name: '다시 실행' }).click();
  await expect(page.getByText(`작업 ${retryId}을 다시 실행하도록 예약했습니다.`)).toBeVisible();
  await expect(jobs.getByRole('row', { name: new RegExp(`^${retryId}\\b`) })).toHaveCount(0, { timeout: 20_000 });

  // Discard: Escape cancels; confirming removes it for good.
  const discardRow = jobs.getByRole('row', { name: new RegExp(`^${discardId}\\b`) });
  await discardRow.getByRole('button', { name: `작업 ${discardId} 버리기` }).click();
  await page.keyboard.press('Escape');
  await expect(discardRow).toBeVisible();
  await discardRow.getByRole('button', { name: `작업 ${discardId} 버리기` }).click();
  await page.getByRole('alertdialog', { name: '이 작업을 버릴까요?' }).getByRole('button', { name: '버리기' }).click();
  await expect(page.getByText(`작업 ${discardId}을 버렸습니다.`)).toBeVisible();
  await expect(page.getByText('영구 실패한 작업이 없습니다.')).toBeVisible();

  // The link into the send log keeps the failure filter.
  await page.getByRole('link', { name: '발송 로그에서 실패 보기' }).click();
  await expect(page).toHaveURL(/\/logs\?status=failed&from=\d{4}-\d{2}-\d{2}$/);

  // English too.
  await page.goto('/system');
  await page.getByRole('banner').getByRole('combobox', { name: '언어' }).selectOption({ label: 'English' });
  await expect(page.getByRole('heading', { level: 1, name: 'System' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Worker processes' })).toBeVisible();
});
