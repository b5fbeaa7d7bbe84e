// Where the key that encrypts secrets at rest comes from: APP_SECRET_KEY (plus APP_SECRET_KEY_PREVIOUS during a
// rotation), or — for the embedded default — a key file in DATA_DIR that the first start writes with mode 0600.
// Losing that file means the stored NHN secret keys can no longer be read; the admin enters them again in 설정.
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createSecretBox, generateSecretKey, parseSecretKey, sealStoredSecrets, type SealReport } from '@alimflow/api';
import type { Db } from '@alimflow/db';
import { ConfigError, type Config } from './config.ts';

export interface SecretKeySource {
  /** The current key first, then earlier keys still accepted for decrypting. */
  load: () => Buffer[];
  /** The key file, when the keys come from DATA_DIR. */
  file: string | null;
}

export const KEY_FILE = 'secret.key';
export const PREVIOUS_KEYS_FILE = 'secret.key.previous';

export function secretKeySource(config: Pick<Config, 'APP_SECRET_KEY' | 'APP_SECRET_KEY_PREVIOUS' | 'DATA_DIR'>): SecretKeySource {
  if (config.APP_SECRET_KEY) {
    const keys = [config.APP_SECRET_KEY, ...config.APP_SECRET_KEY_PREVIOUS];
    return { load: () => keys, file: null };
  }
  const file = path.join(config.DATA_DIR, KEY_FILE);
  return {
    file,
    load: () => {
      ensureKeyFile(file);
      return [readKey(file), ...readPreviousKeys(config.DATA_DIR)];
    },
  };
}

function readKey(file: string): Buffer {
  const key = parseSecretKey(readFileSync(file, 'utf8'));
  if (!key) {
    throw new ConfigError(
      `Invalid configuration:\n  - ${file} is not a key (32 bytes, base64). Restore it from a backup, or set APP_SECRET_KEY; stored NHN secret keys are unreadable without it and must be entered again in 설정.`,
    );
  }
  return key;
}

function readPreviousKeys(dataDir: string): Buffer[] {
  let text: string;
  try {
    text = readFileSync(path.join(dataDir, PREVIOUS_KEYS_FILE), 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').flatMap((line) => parseSecretKey(line) ?? []);
}

/** Writes a new key file unless one exists; several processes starting at once all end up with the same key. */
function ensureKeyFile(file: string): void {
  if (existsSync(file)) return;
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, `${generateSecretKey().toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    chmodSync(tmp, 0o600);
    // link() fails if the file exists, so exactly one writer's complete file becomes the key.
    linkSync(tmp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(tmp);
  }
}

function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

/**
 * Puts a new key in the key file. The old key goes to the previous-keys file first, so at every moment each
 * stored value is readable by whoever reads the files (a running server reloads them when it meets the new key).
 */
export function rotateKeyFile(dataDir: string): { previous: number } {
  const file = path.join(dataDir, KEY_FILE);
  ensureKeyFile(file);
  const previous = [readKey(file), ...readPreviousKeys(dataDir)];
  writeAtomically(path.join(dataDir, PREVIOUS_KEYS_FILE), previous.map((k) => `${k.toString('base64')}\n`).join(''));
  writeAtomically(file, `${generateSecretKey().toString('base64')}\n`);
  return { previous: previous.length };
}

export type RotateConfig = Pick<Config, 'APP_SECRET_KEY' | 'APP_SECRET_KEY_PREVIOUS' | 'DATA_DIR'>;

/**
 * `pnpm secrets:rotate`: every stored secret re-sealed under a new key. With APP_SECRET_KEY the new key is that
 * variable and the old one APP_SECRET_KEY_PREVIOUS; with the key file, a new key is generated into it.
 */
export async function rotateSecrets(config: RotateConfig, db: Db): Promise<SealReport & { keyId: string }> {
  if (config.APP_SECRET_KEY && config.APP_SECRET_KEY_PREVIOUS.length === 0) {
    throw new ConfigError(
      'secrets:rotate: set APP_SECRET_KEY to the new key and APP_SECRET_KEY_PREVIOUS to the old one (comma-separated if several), then run it again.',
    );
  }
  if (!config.APP_SECRET_KEY) rotateKeyFile(config.DATA_DIR);
  const box = createSecretBox(secretKeySource(config).load());
  return { ...(await sealStoredSecrets(db, box)), keyId: box.currentKeyId };
}
