// A send job that fails after claiming its batch (typically: the database went away mid-way) must not leave the
// claim behind. Its own retry would find the rows claimed and do nothing, so they would wait for the claim to
// expire (2 min) and for the stranded-send sweep. Releasing is safe for exactly-once: the claim already counted
// an attempt, so the next run looks each row up at NHN (by its grouping key) before it resends anything.
import type { AlimtalkSendLog } from '@alimflow/db';
import type { AppDeps } from '../deps.ts';
import { enqueueSend } from './jobs.ts';

export async function releaseClaimsOnFailure<T>(deps: AppDeps, batch: AlimtalkSendLog[], run: () => Promise<T>, retryForMs = 30_000): Promise<T> {
  try {
    return await run();
  } catch (error) {
    await releaseClaims(deps, batch.map((l) => l.id), retryForMs);
    throw error;
  }
}

async function releaseClaims(deps: AppDeps, ids: string[], retryForMs: number): Promise<void> {
  const deadline = Date.now() + retryForMs;
  for (let wait = 250; ; wait = Math.min(wait * 2, 4_000)) {
    try {
      await deps.db.$transaction(async (tx) => {
        const pending = await tx.alimtalkSendLog.findMany({ where: { id: { in: ids }, status: 'pending' }, select: { id: true } });
        await tx.alimtalkSendLog.updateMany({ where: { id: { in: pending.map((p) => p.id) } }, data: { claimedUntil: null } });
        for (const { id } of pending) await enqueueSend(tx, id);
      });
      return;
    } catch (error) {
      if (Date.now() + wait > deadline) {
        // Still unreachable: the claim expires on its own and the stranded-send sweep picks the rows up.
        deps.logger.warn({ logs: ids.length, error: error instanceof Error ? error.message.split('\n')[0] : String(error) }, 'could not release a failed send batch');
        return;
      }
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
