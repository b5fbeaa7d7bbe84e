// Small helpers for the router tests: asserting tRPC errors, a Bearer caller per org, and rows the engine would
// normally write (send logs, events, repeat entries) inserted directly.
import { randomUUID } from 'node:crypto';
import type { Prisma } from '@alimflow/db';
import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';
import { z, ZodError } from 'zod';
import type { Caller, Harness, TestOrg } from './harness.ts';

export async function expectTRPCError(call: Promise<unknown>, code: TRPCError['code'], message?: string | RegExp): Promise<TRPCError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}, but the call succeeded`).toBeInstanceOf(TRPCError);
  const trpcError = error as TRPCError;
  expect({ code: trpcError.code, message: trpcError.message }).toMatchObject({ code });
  if (message !== undefined) expect(trpcError.message).toMatch(message);
  return trpcError;
}

/** Input validation failures: BAD_REQUEST caused by a ZodError whose text (as HTTP clients get it) matches. */
export async function expectZodError(call: Promise<unknown>, message: string | RegExp): Promise<TRPCError> {
  const error = await expectTRPCError(call, 'BAD_REQUEST');
  expect(error.cause).toBeInstanceOf(ZodError);
  expect(z.prettifyError(error.cause as ZodError)).toMatch(message);
  return error;
}

export async function bearerCaller(h: Harness, org: TestOrg, name = 'test token'): Promise<Caller> {
  const { token } = await org.admin.apiTokens.create({ name });
  return h.callerWithBearer(token);
}

export function insertRecord(h: Harness, org: TestOrg, data: Record<string, unknown>, partitionId = org.partitionId) {
  return h.db.record.create({ data: { orgId: org.orgId, partitionId, data: data as Prisma.InputJsonValue } });
}

export function insertSendLog(h: Harness, org: TestOrg, overrides: Partial<Prisma.AlimtalkSendLogUncheckedCreateInput> = {}) {
  return h.db.alimtalkSendLog.create({
    data: {
      orgId: org.orgId,
      templateCode: 'SF_WELCOME',
      recipientNo: '01012345678',
      content: '안내 메시지',
      triggerType: 'auto',
      status: 'accepted',
      dedupeKey: `test-fixture:${randomUUID()}`,
      ...overrides,
    },
  });
}

export function insertQueueEntry(h: Harness, org: TestOrg, overrides: Partial<Prisma.AlimtalkAutomationQueueUncheckedCreateInput> & { linkId: string; recordId: string }) {
  return h.db.alimtalkAutomationQueue.create({
    data: { orgId: org.orgId, nextRunAt: new Date(Date.now() + 3_600_000), ...overrides },
  });
}

/** A manual SF_WELCOME link filling 이름 and 전화번호, for the router (spread over it to change a field). */
export function welcomeLinkInput(org: TestOrg, name: string) {
  return {
    partitionId: org.partitionId,
    templateId: org.templateIds.SF_WELCOME!,
    name,
    recipientField: '전화번호',
    variableMappings: { 이름: '이름', 전화번호: '전화번호' },
  };
}

/** A link with a repeat series, written through the router so it is valid. */
export function repeatLinkInput(org: TestOrg, name: string) {
  return {
    partitionId: org.partitionId,
    templateId: org.templateIds.SF_REMIND!,
    name,
    recipientField: '전화번호',
    variableMappings: { 이름: '이름', 상태: '상태' },
    triggerType: 'on_create' as const,
    triggerCondition: { field: '상태', value: '신규' },
    repeatConfig: { intervalHours: 24, maxRepeat: 3, stopCondition: { field: '상태', operator: 'eq', value: '응답완료' } },
  };
}
