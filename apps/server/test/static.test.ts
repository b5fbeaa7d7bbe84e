// The SPA as the browser gets it: compressed when it may be, cached for a year when the name has a hash, and
// index.html revalidated on every load so a deploy is picked up.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerSpa } from '../src/static.ts';

const html = '<!doctype html><title>AlimFlow</title><script type="module" src="/assets/index-AbC123.js"></script>';
const js = `export const greeting = ${JSON.stringify('안녕하세요 '.repeat(200))};`;
let dist: string;
let app: FastifyInstance;

function writeWithCompressed(file: string, content: string) {
  writeFileSync(file, content);
  writeFileSync(`${file}.br`, brotliCompressSync(content));
  writeFileSync(`${file}.gz`, gzipSync(content));
}

beforeAll(async () => {
  dist = mkdtempSync(path.join(os.tmpdir(), 'alimflow-static-'));
  mkdirSync(path.join(dist, 'assets'));
  writeWithCompressed(path.join(dist, 'index.html'), html);
  writeWithCompressed(path.join(dist, 'assets', 'index-AbC123.js'), js);
  writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  app = Fastify();
  expect(await registerSpa(app, dist)).toBe(true);
  app.get('/trpc/known', () => ({ ok: true }));
});
afterAll(async () => {
  await app?.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('the built SPA', () => {
  it('sends the brotli file to a browser that accepts it, gzip to one that only takes gzip, plain otherwise', async () => {
    const url = '/assets/index-AbC123.js';
    const br = await app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(br.rawPayload.length).toBeLessThan(js.length / 10);

    const gz = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');

    const plain = await app.inject({ url, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(js);
  });

  it('caches hashed assets for a year as immutable', async () => {
    const res = await app.inject({ url: '/assets/index-AbC123.js' });
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('makes the browser revalidate index.html, at / and at every client-side route', async () => {
    for (const url of ['/', '/index.html', '/logs?log=abc', '/automations']) {
      const res = await app.inject({ url, headers: { 'accept-encoding': 'br' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-type'], url).toMatch(/text\/html/);
      expect(res.headers['content-encoding'], url).toBe('br');
    }
  });

  it('revalidates unhashed files such as the favicon', async () => {
    const res = await app.inject({ url: '/favicon.svg' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('answers unknown API paths with a JSON 404, not the SPA', async () => {
    for (const url of ['/trpc/unknown', '/api/nothing']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json(), url).toEqual({ error: 'not found' });
    }
    const post = await app.inject({ method: 'POST', url: '/automations' });
    expect(post.statusCode).toBe(404);
  });

  it('serves nothing from a directory without a build', async () => {
    const empty = Fastify();
    expect(await registerSpa(empty, path.join(dist, 'missing'))).toBe(false);
    expect((await empty.inject({ url: '/' })).statusCode).toBe(404);
    await empty.close();
  });
});
