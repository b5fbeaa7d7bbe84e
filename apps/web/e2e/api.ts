// Setting up data the way other systems do, through the tRPC HTTP API, with the browser's session cookie.
import { expect, type Page } from '@playwright/test';

async function unwrap<T>(response: Awaited<ReturnType<Page['request']['get']>>, path: string): Promise<T> {
  const body = (await response.json()) as { result?: { data: T }; error?: { message: string } };
  expect(response.ok(), `${path}: ${body.error?.message ?? response.status()}`).toBe(true);
  return body.result!.data;
}

export async function trpcQuery<T>(page: Page, path: string, input?: unknown): Promise<T> {
  const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  return unwrap<T>(await page.request.get(`/trpc/${path}${query}`), path);
}

export async function trpcMutation<T>(page: Page, path: string, input: unknown): Promise<T> {
  return requestMutation<T>(page.request, path, input);
}

/** The same through any request context, e.g. a second browser context signed in to another org. */
export async function requestMutation<T>(request: Page['request'], path: string, input: unknown): Promise<T> {
  return unwrap<T>(await request.post(`/trpc/${path}`, { data: input }), path);
}

export interface Partition {
  id: string;
  name: string;
  fields: { key: string; label: string; type: string; options?: string[] }[];
}

export async function leadPartition(page: Page): Promise<Partition> {
  const partitions = await trpcQuery<Partition[]>(page, 'partitions.list');
  const lead = partitions.find((p) => p.name === '리드');
  // A setup precondition, not a behaviour under test: say plainly what the seed lacks.
  if (!lead) throw new Error('e2e setup: the seeded 리드 partition is missing');
  return lead;
}

export async function templateId(page: Page, code: string): Promise<string> {
  const templates = await trpcQuery<{ id: string; templateCode: string }[]>(page, 'templates.list');
  const template = templates.find((t) => t.templateCode === code);
  if (!template) throw new Error(`e2e setup: sandbox template ${code} is missing`);
  return template.id;
}

/** A phone number no other test uses: 010-5xxx-xxxx. */
export function uniquePhone(): { digits: string; display: string } {
  const n = String(Date.now() % 100_000_000).padStart(8, '0');
  const a = `5${n.slice(1, 4)}`;
  const b = n.slice(4, 8);
  return { digits: `010${a}${b}`, display: `010-${a}-${b}` };
}
