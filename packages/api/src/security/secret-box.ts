// The one place secrets at rest are encrypted and decrypted: AES-256-GCM with a 32-byte key, the org id as
// additional data (a ciphertext copied into another org's row does not open there).
//
// Stored format: `v1:<keyId>:<iv>:<tag>:<ciphertext>` (base64url parts). The key id is a hash of the key, so a
// keyring holding the current key and earlier ones opens anything sealed under any of them, and a rotation can
// tell which rows still need re-sealing.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SecretUnreadableError extends Error {
  override readonly name = 'SecretUnreadableError';
  constructor(readonly why: 'unknown_key' | 'corrupt') {
    super(
      why === 'unknown_key'
        ? 'The stored secret was encrypted with a key this server does not have (APP_SECRET_KEY or the key file changed).'
        : 'The stored secret is damaged and cannot be decrypted.',
    );
  }
}

export interface SecretBox {
  /** The id of the key new values are sealed with. */
  readonly currentKeyId: string;
  seal(plain: string, orgId: string): string;
  /** Throws SecretUnreadableError when no key in the ring opens it. */
  open(stored: string, orgId: string): string;
  /** Whether a stored value is ciphertext at all (an older row may still hold plain text). */
  isSealed(stored: string): boolean;
  /** Whether a stored value is ciphertext under the current key (nothing to re-seal). */
  isCurrent(stored: string): boolean;
}

export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('base64url').slice(0, 10);
}

/** Reads a 32-byte key written as base64 (or base64url); null when it is anything else. */
export function parseSecretKey(text: string): Buffer | null {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return null;
  const key = Buffer.from(trimmed.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return key.length === KEY_BYTES ? key : null;
}

export function generateSecretKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

/** `keys[0]` seals; every key opens. */
export function createSecretBox(keys: readonly Buffer[]): SecretBox {
  if (keys.length === 0) throw new Error('createSecretBox needs at least one key');
  for (const key of keys) if (key.length !== KEY_BYTES) throw new Error(`secret keys are ${KEY_BYTES} bytes`);
  const ring = new Map(keys.map((key) => [keyIdOf(key), key]));
  const current = keys[0]!;
  const currentKeyId = keyIdOf(current);

  const parts = (stored: string) => {
    const p = stored.split(':');
    return p.length === 5 && p[0] === VERSION ? { keyId: p[1]!, iv: p[2]!, tag: p[3]!, ct: p[4]! } : null;
  };

  return {
    currentKeyId,
    seal(plain, orgId) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      cipher.setAAD(Buffer.from(orgId, 'utf8'));
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const b = (buf: Buffer) => buf.toString('base64url');
      return [VERSION, currentKeyId, b(iv), b(cipher.getAuthTag()), b(ct)].join(':');
    },
    open(stored, orgId) {
      const p = parts(stored);
      if (!p) throw new SecretUnreadableError('corrupt');
      const key = ring.get(p.keyId);
      if (!key) throw new SecretUnreadableError('unknown_key');
      const iv = Buffer.from(p.iv, 'base64url');
      const tag = Buffer.from(p.tag, 'base64url');
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretUnreadableError('corrupt');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(orgId, 'utf8'));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(Buffer.from(p.ct, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretUnreadableError('corrupt');
      }
    },
    isSealed: (stored) => parts(stored) !== null,
    isCurrent: (stored) => parts(stored)?.keyId === currentKeyId,
  };
}

/**
 * A box over keys that can change under a running process (`pnpm secrets:rotate` rewrites the key file): a value
 * sealed under a key id it has not seen makes it read the keys again, at most once a second, before giving up.
 */
export function createReloadingSecretBox(loadKeys: () => Buffer[], now: () => number = Date.now): SecretBox {
  let box = createSecretBox(loadKeys());
  let loadedAt = now();
  const reloaded = (): boolean => {
    if (now() - loadedAt < 1000) return false;
    loadedAt = now();
    box = createSecretBox(loadKeys());
    return true;
  };
  return {
    get currentKeyId() {
      return box.currentKeyId;
    },
    seal: (plain, orgId) => box.seal(plain, orgId),
    open(stored, orgId) {
      try {
        return box.open(stored, orgId);
      } catch (error) {
        if (error instanceof SecretUnreadableError && error.why === 'unknown_key' && reloaded()) return box.open(stored, orgId);
        throw error;
      }
    },
    isSealed: (stored) => box.isSealed(stored),
    isCurrent: (stored) => box.isCurrent(stored),
  };
}
