// Every SPA route with a bad id in its URL — malformed, unknown, or another org's — answers in the UI's language:
// a "not found" where the URL opens one item, the page itself where the id only filters it, and never zod's,
// tRPC's or a stack trace's words, nor a "불러오는 중…" that never ends.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { sections } from '../src/sections';
import { requestMutation as call } from './api';
import { logIn } from './fixtures';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../server');
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
const RAW = [/Must be/, /Invalid/, /Expected/, /✖/, /TRPC/i, /at id/, /undefined/, /NaN/, /\bError\b/, /stack/i];
const NOT_FOUND = /찾는 항목이 없습니다|찾을 수 없습니다|초대 링크는 유효하지 않습니다/;

/** Another org on the same install, made the way an operator does (`pnpm org:create`), with a partition and a record. */
async function otherOrg(page: Page, baseURL: string): Promise<{ partitionId: string; recordId: string }> {
  const email = `other-${Date.now()}@e2e.test`;
  const out = execFileSync('node', ['--import', 'tsx', 'src/org-create.ts', '--name', '다른 영업팀', '--admin-email', email, '--url', baseURL], {
    cwd: serverDir,
    env: { ...process.env, DATA_DIR: process.env.E2E_DATA_DIR, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  const token = /\/invite\/(\S+)/.exec(out)?.[1];
  if (!token) throw new Error(`e2e setup: org:create printed no invitation: ${out}`);
  const context = await page.context().browser()!.newContext({ baseURL });
  try {
    await call(context.request, 'invitations.accept', { token, name: '다른 관리자', password: 'other-password-1' });
    const partition = await call<{ id: string }>(context.request, 'partitions.create', {
      name: '다른 리드',
      fields: [
        { key: '이름', label: '이름', type: 'text' },
        { key: '전화번호', label: '전화번호', type: 'phone' },
      ],
      phoneField: '전화번호',
    });
    const record = await call<{ id: string }>(context.request, 'records.create', { partitionId: partition.id, data: { 이름: '남의 고객', 전화번호: '010-9999-0000' } });
    return { partitionId: partition.id, recordId: record.id };
  } finally {
    await context.close();
  }
}

async function expectClean(page: Page, url: string) {
  const main = page.locator('body');
  // Whatever was loading has answered.
  await expect.soft(page.getByText('불러오는 중').filter({ visible: true }), `${url}: still loading`).toHaveCount(0, { timeout: 15_000 });
  const text = await main.innerText();
  for (const pattern of RAW) expect.soft(text, `${url}: raw text ${pattern}`).not.toMatch(pattern);
  // The other org's data never shows up.
  expect.soft(text, `${url}: another org's data`).not.toMatch(/남의 고객|다른 리드/);
}

test('bad ids in every route say "not found" in Korean, never raw errors', async ({ page, baseURL }) => {
  test.setTimeout(600_000);
  await page.goto('/login');
  await logIn(page);
  await expect(page.getByRole('navigation', { name: '주 메뉴' })).toBeVisible({ timeout: 30_000 });
  const foreign = await otherOrg(page, baseURL!);

  // The URL opens one item: it must say the item is not there.
  const opening = [
    ...['x', UNKNOWN, foreign.recordId].map((id) => `/records?record=${id}`),
    ...['x', UNKNOWN].map((id) => `/automations?rule=${id}`),
    ...['x', UNKNOWN].map((id) => `/logs?log=${id}`),
    ...['x', UNKNOWN].map((id) => `/import?import=${id}`),
    '/invite/x',
    `/invite/${'a'.repeat(43)}`,
    '/no-such-page',
    '/records/x',
  ];
  // The id only narrows a list: the page shows, unfiltered or empty, without raw words.
  const filtering = [
    ...sections.map((section) => section.path),
    ...['x', UNKNOWN, foreign.partitionId].map((id) => `/records?partition=${id}`),
    ...['x', UNKNOWN, foreign.partitionId].map((id) => `/automations?partition=${id}`),
    ...['x', UNKNOWN].map((id) => `/logs?rule=${id}`),
    ...['x', UNKNOWN, foreign.recordId].map((id) => `/logs?record=${id}`),
    ...['x', UNKNOWN].map((id) => `/repeats?rule=${id}`),
    '/logs?from=2026-13-45&to=x&status=nope&trigger=x',
  ];

  for (const url of opening) {
    await page.goto(url);
    await expect.soft(page.getByText(NOT_FOUND).filter({ visible: true }).first(), `${url}: no "not found"`).toBeVisible();
    await expectClean(page, url);
  }
  for (const url of filtering) {
    await page.goto(url);
    await expect.soft(page.getByRole('main').getByRole('heading', { level: 1 }), `${url}: no page heading`).toBeVisible();
    await expectClean(page, url);
  }
});
