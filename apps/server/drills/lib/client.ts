// An API client that behaves like a well-written integration: it waits Retry-After on a 503 and retries a request
// that never reached the server (connection refused while the API restarts). Every answer is counted by status,
// so a drill can assert "no HTTP 500".
import { ADMIN, CRON_SECRET, sleep } from './cluster.ts';

export interface BurstStats {
  created: number;
  /** records.create latencies of successful calls, ms, with the time (ms since the burst started) they ended. */
  samples: { at: number; ms: number }[];
  statuses: Record<string, number>;
  /** 503 answers that carried a Retry-After header. */
  retryAfter: number;
  /** Bodies of answers that were neither 200 nor 503 (at most a few). */
  unexpected: string[];
}

export async function login(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

export interface BurstOptions {
  baseUrl: () => string;
  cookie: () => string;
  partitionId: string;
  concurrency: number;
  /** Stop after this many records, or when `until()` turns true. */
  total?: number;
  until?: () => boolean;
  /** Called after each created record with the running count (drills kill things at a given point). */
  onCreated?: (count: number) => void;
  phonePrefix?: number;
}

export async function burst(options: BurstOptions): Promise<BurstStats> {
  const stats: BurstStats = { created: 0, samples: [], statuses: {}, retryAfter: 0, unexpected: [] };
  const count = (status: string) => (stats.statuses[status] = (stats.statuses[status] ?? 0) + 1);
  const started = performance.now();
  let next = 0;
  const more = () => (options.total === undefined || next < options.total) && !options.until?.();
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (more()) {
        const i = next++;
        const body = JSON.stringify({
          partitionId: options.partitionId,
          data: {
            이름: `고객${i}`,
            전화번호: `010${String((options.phonePrefix ?? 20_000_000) + i).padStart(8, '0')}`,
            상태: '신규',
          },
        });
        for (;;) {
          const t0 = performance.now();
          const res = await fetch(`${options.baseUrl()}/trpc/records.create`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie: options.cookie() },
            body,
          }).catch(() => null);
          if (!res) {
            count('no-answer');
            await sleep(250);
            continue;
          }
          count(String(res.status));
          if (res.ok) {
            await res.arrayBuffer();
            const end = performance.now();
            stats.samples.push({ at: end - started, ms: end - t0 });
            stats.created += 1;
            options.onCreated?.(stats.created);
            break;
          }
          const text = await res.text();
          if (res.status === 503) {
            const wait = Number(res.headers.get('retry-after'));
            if (wait > 0) stats.retryAfter += 1;
            await sleep(Math.min(wait > 0 ? wait * 1000 : 1000, 5_000));
            continue;
          }
          if (stats.unexpected.length < 5) stats.unexpected.push(`${res.status} ${text.slice(0, 300)}`);
          break;
        }
      }
    }),
  );
  return stats;
}

export function median(values: number[]): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function callProcessRepeats(baseUrl: string): Promise<{ status: number; processed: number }> {
  const res = await fetch(`${baseUrl}/api/alimtalk/automation/process-repeats`, {
    method: 'POST',
    headers: { authorization: `Bearer ${CRON_SECRET}` },
  });
  const body = (await res.json().catch(() => ({}))) as { processed?: number };
  return { status: res.status, processed: body.processed ?? 0 };
}
