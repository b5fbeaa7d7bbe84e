// Where the encryption key comes from and how it changes: APP_SECRET_KEY validated at start-up, else a key file
// written once with mode 0600; `pnpm secrets:rotate` moves every stored secret to a new key.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSecretBox, generateSecretKey } from '@alimflow/api';
import { createPrismaClient, type Db } from '@alimflow/db';
import { createTestDatabase, type TestDatabase } from '@alimflow/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { KEY_FILE, PREVIOUS_KEYS_FILE, rotateSecrets, secretKeySource } from '../src/secret-keys.ts';

const tempDir = () => mkdtempSync(path.join(os.tmpdir(), 'alimflow-keys-'));
const b64 = (key: Buffer) => key.toString('base64');

describe('APP_SECRET_KEY in the configuration', () => {
  it('accepts 32 bytes of base64 and says how to make one otherwise', () => {
    const key = generateSecretKey();
    expect(loadConfig({ APP_SECRET_KEY: b64(key) }).APP_SECRET_KEY).toEqual(key);
    expect(() => loadConfig({ APP_SECRET_KEY: 'too-short' })).toThrow(/APP_SECRET_KEY must be 32 random bytes in base64; generate one with `openssl rand -base64 32`/);
    expect(() => loadConfig({ APP_SECRET_KEY: b64(key), APP_SECRET_KEY_PREVIOUS: `${b64(key)},nope` })).toThrow(/APP_SECRET_KEY_PREVIOUS must be comma-separated keys/);
  });
});

describe('the key file in DATA_DIR', () => {
  it('is written once with mode 0600, and every later start reads the same key back', () => {
    const dir = tempDir();
    const sources = Array.from({ length: 5 }, () => secretKeySource({ DATA_DIR: dir, APP_SECRET_KEY: undefined, APP_SECRET_KEY_PREVIOUS: [] }));
    const keys = sources.map((s) => b64(s.load()[0]!));
    expect(new Set(keys).size).toBe(1);
    const file = path.join(dir, KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(keys[0]);
  });

  it('stops start-up with what to do when the file is not a key', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, KEY_FILE), 'garbage\n');
    expect(() => secretKeySource({ DATA_DIR: dir, APP_SECRET_KEY: undefined, APP_SECRET_KEY_PREVIOUS: [] }).load()).toThrow(
      /secret\.key is not a key .*Restore it from a backup, or set APP_SECRET_KEY/,
    );
  });
});

describe('pnpm secrets:rotate', () => {
  let database: TestDatabase;
  let db: Db;
  let orgId: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = createPrismaClient(database.url, { max: 2 });
    orgId = (await db.org.create({ data: { name: '회전' } })).id;
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  const storeSealed = async (keys: Buffer[], plain: string) =>
    db.alimtalkSettings.upsert({
      where: { orgId },
      create: { orgId, secretKey: createSecretBox(keys).seal(plain, orgId) },
      update: { secretKey: createSecretBox(keys).seal(plain, orgId) },
    });
  const stored = async () => (await db.alimtalkSettings.findUniqueOrThrow({ where: { orgId } })).secretKey!;

  it('with the key file: generates a new key, keeps the old one readable, re-seals every secret', async () => {
    const dir = tempDir();
    const config = { DATA_DIR: dir, APP_SECRET_KEY: undefined, APP_SECRET_KEY_PREVIOUS: [] };
    const oldKey = secretKeySource(config).load()[0]!;
    await storeSealed([oldKey], 'rotate-me');
    const report = await rotateSecrets(config, db);
    expect(report).toMatchObject({ rotated: 1, encrypted: 0, unreadable: 0 });
    const [newKey, ...previous] = secretKeySource(config).load();
    expect(newKey).not.toEqual(oldKey);
    expect(previous).toEqual([oldKey]);
    expect(statSync(path.join(dir, PREVIOUS_KEYS_FILE)).mode & 0o777).toBe(0o600);
    expect(createSecretBox([newKey!]).open(await stored(), orgId)).toBe('rotate-me');
  });

  it('with APP_SECRET_KEY: needs the old key in APP_SECRET_KEY_PREVIOUS, then re-seals under the new one', async () => {
    const [oldKey, newKey] = [generateSecretKey(), generateSecretKey()];
    await storeSealed([oldKey], 'env-secret');
    const env = { DATA_DIR: tempDir(), APP_SECRET_KEY: newKey };
    await expect(rotateSecrets({ ...env, APP_SECRET_KEY_PREVIOUS: [] }, db)).rejects.toThrow(/set APP_SECRET_KEY to the new key and APP_SECRET_KEY_PREVIOUS to the old one/);
    expect(await rotateSecrets({ ...env, APP_SECRET_KEY_PREVIOUS: [oldKey] }, db)).toMatchObject({ rotated: 1, unreadable: 0 });
    expect(createSecretBox([newKey]).open(await stored(), orgId)).toBe('env-secret');
  });

  it('reports a secret that no given key opens instead of failing or dropping it', async () => {
    await storeSealed([generateSecretKey()], 'lost');
    const before = await stored();
    const report = await rotateSecrets({ DATA_DIR: tempDir(), APP_SECRET_KEY: generateSecretKey(), APP_SECRET_KEY_PREVIOUS: [generateSecretKey()] }, db);
    expect(report).toMatchObject({ rotated: 0, unreadable: 1 });
    expect(await stored()).toBe(before);
  });
});
