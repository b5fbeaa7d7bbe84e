// No input reaches Postgres or zod that could turn into a 500: NUL, lone surrogates, `__proto__` keys and
// absurdly deep JSON answer 400 with a message in the caller's language and write nothing; text is stored NFC.
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardInput, INPUT_LIMITS } from '../src/security/input-guard.ts';
import { publicProcedure, router } from '../src/trpc.ts';
import { createHarness, type Harness, type TestOrg } from './support/harness.ts';
import { expectZodError } from './support/router-helpers.ts';

let h: Harness;
let org: TestOrg;
beforeAll(async () => {
  h = await createHarness();
  org = await h.createOrg('입력 검사');
});
afterAll(() => h.close());

function deep(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

const counts = async () => ({
  records: await h.db.record.count({ where: { orgId: org.orgId } }),
  partitions: await h.db.partition.count({ where: { orgId: org.orgId } }),
  links: await h.db.alimtalkTemplateLink.count({ where: { orgId: org.orgId } }),
});

describe('input guard (pure)', () => {
  it('walks 20,000-deep JSON without overflowing the stack and reports the depth', () => {
    const result = guardInput(JSON.parse('['.repeat(20_000) + ']'.repeat(20_000)));
    expect(result).toEqual({ ok: false, issues: [{ path: expect.any(Array), problem: 'depth' }] });
  });

  it('keeps well-formed surrogate pairs (emoji) and nested values, and normalises keys and values to NFC', () => {
    const decomposed = '\u1100\u1161'; // 가 as two jamo
    const result = guardInput({ [decomposed]: [`${decomposed} 😀`, 3, null, { n: true }] });
    expect(result).toEqual({ ok: true, value: { 가: ['가 😀', 3, null, { n: true }] } });
  });

  it('counts every value towards the size cap', () => {
    expect(guardInput(new Array(INPUT_LIMITS.maxValues + 1).fill(0))).toMatchObject({
      ok: false,
      issues: [{ problem: 'size' }],
    });
  });
});

describe('input guard on every procedure', () => {
  it('refuses NUL in a record value and in a record key, in Korean by default, and writes nothing', async () => {
    const before = await counts();
    await expectZodError(
      org.admin.records.create({ partitionId: org.partitionId, data: { 이름: 'a\u0000b' } }),
      /NUL 문자\(\\u0000\)는 입력할 수 없습니다[\s\S]*data[\s\S]*이름/,
    );
    await expectZodError(
      org.admin.records.create({ partitionId: org.partitionId, data: { 'x\u0000': '1' } }),
      /NUL 문자/,
    );
    expect(await counts()).toEqual(before);
  });

  it('answers in English when the client asks for it', async () => {
    const caller = h.callerWithCookie(undefined, { language: 'en' });
    await expectZodError(
      caller.auth.login({ email: 'a@b.test', password: '\ud800' }),
      /broken Unicode character \(a lone surrogate\)[\s\S]*password/,
    );
  });

  it('refuses lone surrogates in partition names, link names, filters and settings', async () => {
    const before = await counts();
    const lone = 'x\udc00y';
    await expectZodError(
      org.admin.partitions.create({ name: lone, fields: [{ key: 'a', label: 'a', type: 'text' }] }),
      /서로게이트/,
    );
    await expectZodError(org.admin.sendLogs.list({ templateCode: lone }), /서로게이트/);
    await expectZodError(
      org.admin.settings.update({ provider: 'nhn', appKey: lone, secretKey: 's', senderKey: 'k' }),
      /서로게이트/,
    );
    await expectZodError(
      org.admin.templateLinks.create({
        partitionId: org.partitionId,
        templateId: org.templateIds.SF_WELCOME!,
        name: lone,
        recipientField: '전화번호',
        variableMappings: {},
        triggerType: 'manual',
      }),
      /서로게이트/,
    );
    expect(await counts()).toEqual(before);
  });

  it('refuses __proto__ keys and 20,000-deep data with a 400, not a crash', async () => {
    const before = await counts();
    await expectZodError(
      org.admin.records.create({
        partitionId: org.partitionId,
        data: JSON.parse('{"__proto__":{"admin":true}}') as Record<string, unknown>,
      }),
      /'__proto__'는 키 이름으로 쓸 수 없습니다/,
    );
    await expectZodError(
      org.admin.records.create({
        partitionId: org.partitionId,
        data: deep(20_000) as Record<string, unknown>,
      }),
      /너무 깊게/,
    );
    expect(await counts()).toEqual(before);
  });

  it('caps record field keys at 200 characters', async () => {
    await expectZodError(
      org.admin.records.create({ partitionId: org.partitionId, data: { ['키'.repeat(201)]: '1' } }),
      /At most 200 characters/,
    );
  });

  it('stores text NFC-normalised, so the same name typed two ways is one value', async () => {
    const record = await org.admin.records.create({
      partitionId: org.partitionId,
      data: { 이름: '\u1100\u1161\u11a8' },
    }); // 각 as jamo
    expect(record.data).toEqual({ 이름: '각' });
  });
});

describe('internal errors', () => {
  // A router on the app's own tRPC instance (same formatter), so the failure is certain and the test needs no broken DB.
  it('answer a generic message with an error id in the client language; the detail goes only to the log', async () => {
    const logged: unknown[] = [];
    const logger = { error: (fields: unknown) => void logged.push(fields) };
    const failing = router({
      boom: publicProcedure.query(() => {
        throw new Error(
          'invalid byte sequence at packages/api/src/services/records.ts:48 SELECT * FROM "Record"',
        );
      }),
    });
    for (const [language, text] of [
      ['ko', /서버에서 오류가 발생했습니다.*오류 ID ([0-9a-f]{8})/],
      ['en', /Something went wrong on the server.*error id ([0-9a-f]{8})/],
    ] as const) {
      const res = await fetchRequestHandler({
        endpoint: '/trpc',
        req: new Request('http://local/trpc/boom'),
        router: failing,
        createContext: () => ({
          ...h.deps,
          logger: logger as never,
          req: { ip: '127.0.0.1', language, cookie: () => undefined, setCookie() {}, clearCookie() {} },
        }),
      });
      expect(res.status).toBe(500);
      const body = await res.text();
      expect(body).not.toMatch(/records\.ts|SELECT|invalid byte|stack/);
      const { error } = JSON.parse(body) as { error: { message: string; data: { errorId: string } } };
      expect(error.message).toMatch(text);
      expect(error.message).toContain(error.data.errorId);
      expect(logged.at(-1)).toMatchObject({
        errorId: error.data.errorId,
        err: { message: expect.stringContaining('records.ts:48') },
      });
    }
  });
});
