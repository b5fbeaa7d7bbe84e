// Reading and re-sealing the NHN secret key stored per org. The secret box does the cryptography; this module
// decides what a stored value means and keeps every row sealed under the current key.
import type { Db } from '@alimflow/db';
import { SecretUnreadableError, type SecretBox } from '../security/secret-box.ts';

export type StoredSecret = { status: 'missing' } | { status: 'ok'; value: string } | { status: 'unreadable' };

export const UNREADABLE_SECRET_MESSAGE =
  'The stored NHN secret key cannot be decrypted (this server has a different APP_SECRET_KEY or key file). An admin must enter the secret key again in Settings (설정).';

export function readStoredSecret(box: SecretBox, orgId: string, stored: string | null | undefined): StoredSecret {
  if (!stored) return { status: 'missing' };
  // A value written before secrets were encrypted; sealStoredSecrets converts it at the next start.
  if (!box.isSealed(stored)) return { status: 'ok', value: stored };
  try {
    return { status: 'ok', value: box.open(stored, orgId) };
  } catch (error) {
    if (error instanceof SecretUnreadableError) return { status: 'unreadable' };
    throw error;
  }
}

export interface SealReport {
  /** Plain values encrypted. */
  encrypted: number;
  /** Values moved from an earlier key to the current one. */
  rotated: number;
  /** Values no key opens: their org must re-enter the secret. */
  unreadable: number;
}

/**
 * Encrypts plain values and re-seals values under earlier keys. Safe to run from several processes at once: each
 * row is replaced only if it still holds the value that was read (compare-and-set), so a concurrent run or a
 * settings change in between is never overwritten, and either outcome is a valid ciphertext.
 */
export async function sealStoredSecrets(db: Db, box: SecretBox): Promise<SealReport> {
  const report: SealReport = { encrypted: 0, rotated: 0, unreadable: 0 };
  const rows = await db.alimtalkSettings.findMany({ where: { secretKey: { not: null } }, select: { orgId: true, secretKey: true } });
  for (const { orgId, secretKey } of rows) {
    if (!secretKey || box.isCurrent(secretKey)) continue;
    const read = readStoredSecret(box, orgId, secretKey);
    if (read.status !== 'ok') {
      report.unreadable += 1;
      continue;
    }
    const { count } = await db.alimtalkSettings.updateMany({
      where: { orgId, secretKey },
      data: { secretKey: box.seal(read.value, orgId) },
    });
    if (count === 0) continue;
    if (box.isSealed(secretKey)) report.rotated += 1;
    else report.encrypted += 1;
  }
  return report;
}
