// Sends fuzzed inputs to every tRPC procedure over real HTTP — half with the session cookie, half with an API
// token — and counts each procedure's answers by status class. A rejected input (4xx) must leave every table's
// row count as it was; no answer may be a 5xx or carry a stack, SQL or a source path.
import { appRouter } from '@alimflow/api';
import { repoRoot, type Db } from '@alimflow/db';
import fc from 'fast-check';
import type { z } from 'zod';
import { serialize } from './hostile.ts';
import { arbitraryFor, type ValuePool } from './zod-arbitrary.ts';

/** Procedures that would end the fuzzer's own session or token. */
const SKIP = new Set(['auth.logout', 'account.signOutEverywhere', 'account.changePassword']);
const INTERNALS = /stack|node_modules|\.ts:\d|prisma\.|invalid byte sequence|at \S+ \(\S+:\d+:\d+\)/i;
// SQL in capitals only: "select" is an ordinary word in messages ("text, number, date, select or phone").
const SQL = /\b(SELECT|INSERT INTO|DELETE FROM) |\bUPDATE "|\bWHERE "/;
/** Rows these tables gain on a rejected input are the point (failed sign-ins are counted). */
const UNCOUNTED = new Set(['LoginAttempt', '_prisma_migrations']);

export interface FuzzAuth {
  cookie: string;
  token: string;
}

export interface ProcedureCounts {
  '2xx': number;
  '4xx': number;
  '5xx': number;
  other: number;
}

export interface FuzzReport {
  requests: number;
  byProcedure: Record<string, ProcedureCounts>;
  /** Answers of 500 or above, with what was sent (cut short). */
  serverErrors: Array<{ procedure: string; status: number; input: string; body: string }>;
  /** Answers whose body carried internals. */
  leaks: Array<{ procedure: string; status: number; body: string }>;
  /** Rejected inputs after which some table's row count had changed. */
  rowChanges: Array<{ procedure: string; status: number; input: string; tables: string[] }>;
  seconds: number;
}

interface Procedure {
  path: string;
  type: 'query' | 'mutation';
  input: z.ZodType | null;
}

export function procedures(): Procedure[] {
  const all = (appRouter as unknown as { _def: { procedures: Record<string, { _def: { type: string; inputs: z.ZodType[] } }> } })._def.procedures;
  return Object.entries(all)
    .filter(([path]) => !SKIP.has(path))
    .map(([path, p]) => ({ path, type: p._def.type as Procedure['type'], input: p._def.inputs[0] ?? null }));
}

export async function signIn(baseUrl: string, email: string, password: string): Promise<FuzzAuth> {
  const login = await fetch(`${baseUrl}/trpc/auth.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!login.ok) throw new Error(`fuzz: sign-in failed (${login.status})`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const created = await fetch(`${baseUrl}/trpc/apiTokens.create`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ name: 'fuzz' }) });
  const body = (await created.json()) as { result: { data: { token: string } } };
  return { cookie, token: body.result.data.token };
}

/** Real ids and names in the org, so fuzzed inputs get past "not found" into the handlers. */
export async function valuePool(db: Db): Promise<ValuePool> {
  const [partitions, links, records, templates] = await Promise.all([
    db.partition.findMany({ select: { id: true, name: true, fields: true } }),
    db.alimtalkTemplateLink.findMany({ select: { id: true } }),
    db.record.findMany({ select: { id: true }, take: 20 }),
    db.alimtalkTemplate.findMany({ select: { templateCode: true } }),
  ]);
  const fieldNames = partitions.flatMap((p) =>
    (Array.isArray(p.fields) ? p.fields : []).flatMap((f) => (f && typeof f === 'object' && !Array.isArray(f) ? [f.key, f.label].filter((v): v is string => typeof v === 'string') : [])),
  );
  return {
    uuids: [...partitions, ...links, ...records].map((r) => r.id),
    strings: [...partitions.map((p) => p.name), ...templates.map((t) => t.templateCode), ...fieldNames],
  };
}

/** One statement counting the rows of every table of ours and of graphile-worker's. */
async function rowCounter(db: Db): Promise<() => Promise<Map<string, number>>> {
  const tables = await db.$queryRaw<{ schema: string; name: string }[]>`
    select schemaname::text as schema, tablename::text as name from pg_tables where schemaname in ('public', 'graphile_worker')`;
  const counted = tables.filter((t) => !UNCOUNTED.has(t.name));
  const sql = counted.map((t) => `select '${t.schema}.${t.name}' as t, count(*)::int as n from "${t.schema}"."${t.name}"`).join(' union all ');
  return async () => new Map((await db.$queryRawUnsafe<{ t: string; n: number }[]>(sql)).map((r) => [r.t, r.n]));
}

const cut = (text: string, n = 300) => (text.length > n ? `${text.slice(0, n)}… (${text.length} chars)` : text);

async function send(baseUrl: string, p: Procedure, body: string | null, auth: Record<string, string>) {
  const headers: Record<string, string> = { ...auth };
  let url = `${baseUrl}/trpc/${p.path}`;
  let init: RequestInit;
  if (p.type === 'query') {
    if (body !== null) url += `?input=${encodeURIComponent(body)}`;
    init = { method: 'GET', headers };
  } else {
    init = { method: 'POST', headers: body === null ? headers : { ...headers, 'content-type': 'application/json' }, ...(body === null ? {} : { body }) };
  }
  const res = await fetch(url, init).catch((error: unknown) => ({ status: 0, text: () => Promise.resolve(String(error)) }));
  return { status: res.status, text: await res.text() };
}

export async function runFuzz(options: { baseUrl: string; db: Db; auth: FuzzAuth; count: number; seed: number }): Promise<FuzzReport> {
  const t0 = performance.now();
  const pool = await valuePool(options.db);
  const procs = procedures();
  const report: FuzzReport = { requests: 0, byProcedure: {}, serverErrors: [], leaks: [], rowChanges: [], seconds: 0 };
  const perProcedure = Math.ceil(options.count / procs.length);
  const inputs = procs.map((p, i) =>
    p.input ? fc.sample(arbitraryFor(p.input, pool), { numRuns: perProcedure, seed: options.seed + i }) : Array<unknown>(perProcedure).fill(undefined),
  );
  const rowCounts = await rowCounter(options.db);
  let before = await rowCounts();
  for (let round = 0; round < perProcedure; round++) {
    for (const [i, p] of procs.entries()) {
      if (report.requests >= options.count) break;
      const value = inputs[i]![round];
      const body = value === undefined ? null : serialize(value);
      const auth: Record<string, string> = report.requests % 2 === 0 ? { cookie: options.auth.cookie } : { authorization: `Bearer ${options.auth.token}` };
      const { status, text } = await send(options.baseUrl, p, body, auth);
      report.requests += 1;
      const counts = (report.byProcedure[p.path] ??= { '2xx': 0, '4xx': 0, '5xx': 0, other: 0 });
      const cls = status >= 200 && status < 300 ? '2xx' : status >= 400 && status < 500 ? '4xx' : status >= 500 ? '5xx' : 'other';
      counts[cls] += 1;
      if (status >= 500 || status === 0) report.serverErrors.push({ procedure: p.path, status, input: cut(body ?? ''), body: cut(text) });
      const leak = INTERNALS.exec(text) ?? SQL.exec(text) ?? (text.includes(repoRoot) ? { index: text.indexOf(repoRoot) } : null);
      if (leak) report.leaks.push({ procedure: p.path, status, body: cut(text.slice(Math.max(0, leak.index - 150)), 400) });
      const after = await rowCounts();
      if (cls !== '2xx') {
        const changed = [...after].filter(([t, n]) => before.get(t) !== n).map(([t, n]) => `${t} ${before.get(t)}→${n}`);
        if (changed.length) report.rowChanges.push({ procedure: p.path, status, input: cut(body ?? ''), tables: changed });
      }
      before = after;
    }
  }
  report.seconds = Math.round((performance.now() - t0) / 100) / 10;
  return report;
}

/** The per-procedure table `pnpm drill fuzz` prints. */
export function formatReport(report: FuzzReport): string {
  const lines = ['| procedure | 2xx | 4xx | 5xx | other |', '| --- | --- | --- | --- | --- |'];
  const total: ProcedureCounts = { '2xx': 0, '4xx': 0, '5xx': 0, other: 0 };
  for (const [path, c] of Object.entries(report.byProcedure).sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`| ${path} | ${c['2xx']} | ${c['4xx']} | ${c['5xx']} | ${c.other} |`);
    for (const k of Object.keys(total) as Array<keyof ProcedureCounts>) total[k] += c[k];
  }
  lines.push(`| **all ${report.requests}** | ${total['2xx']} | ${total['4xx']} | ${total['5xx']} | ${total.other} |`);
  return lines.join('\n');
}
