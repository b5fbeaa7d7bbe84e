// Integration-test harness: a fresh database cloned from the migrated template, the real fake NHN server over
// loopback, real AppDeps, and tRPC callers authenticated the way a browser is (a session cookie).
import { extractVariables } from '@alimflow/automation-core';
import { sandboxCredentials, sandboxTemplates, startFakeNhnServer, type FakeNhnServer } from '@alimflow/alimtalk/fake';
import { createPrismaClient, type Db } from '@alimflow/db';
import { createTestDatabase, type TestDatabase } from '@alimflow/db/testing';
import { Logger, parseCronItems, run, type Runner } from 'graphile-worker';
import pino from 'pino';
import { hashPassword } from '../../src/auth/password.ts';
import { createLoginLimiter, DEFAULT_LOGIN_POLICY, type LoginLimitPolicy } from '../../src/auth/rate-limit.ts';
import { newToken } from '../../src/auth/tokens.ts';
import type { AppDeps } from '../../src/deps.ts';
import { appRouter } from '../../src/routers/index.ts';
import { DEMO_PARTITION_FIELDS } from '../../src/seed.ts';
import { createProviderResolver } from '../../src/services/provider-resolver.ts';
import { createSecretBox, generateSecretKey, type SecretBox } from '../../src/security/secret-box.ts';
import { createCallerFactory, createContext, SESSION_COOKIE, type RequestInfo } from '../../src/trpc.ts';
import { createTaskList, cronItems } from '../../src/worker/tasks.ts';

const createCaller = createCallerFactory(appRouter);
export type Caller = ReturnType<typeof createCaller>;

export interface TestOrg {
  orgId: string;
  adminId: string;
  memberId: string;
  partitionId: string;
  templateIds: Record<string, string>;
  /** Caller signed in as the org's admin. */
  admin: Caller;
  member: Caller;
}

export interface Harness {
  db: Db;
  deps: AppDeps;
  fakeNhn: FakeNhnServer;
  database: TestDatabase;
  /** A caller with no session and no token. */
  anonymous: Caller;
  callerWithCookie(token: string | undefined, opts?: { ip?: string; cookies?: Map<string, string>; language?: 'ko' | 'en' }): Caller;
  callerWithBearer(token: string): Caller;
  createOrg(name?: string): Promise<TestOrg>;
  /** Starts a real graphile-worker runner on this database with the app's task list. */
  startWorker(options?: { cron?: boolean }): Promise<Runner>;
  close(): Promise<void>;
}

// Tests fail a handful of times from one address; a long first delay keeps "refused right after" deterministic.
const TEST_LOGIN_POLICY: LoginLimitPolicy = { ...DEFAULT_LOGIN_POLICY, pairFree: 3, addressFree: 4, baseDelayMs: 60_000 };

export async function createHarness(
  options: { deliveryDelayMs?: number; now?: () => Date; sendRetryBaseMs?: number; loginPolicy?: LoginLimitPolicy; secretBox?: SecretBox } = {},
): Promise<Harness> {
  const database = await createTestDatabase();
  const db = createPrismaClient(database.url, { max: 20 });
  const fakeNhn = await startFakeNhnServer({ ...sandboxCredentials, deliveryDelayMs: options.deliveryDelayMs ?? 50 });
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const now = options.now ?? (() => new Date());
  const secretBox = options.secretBox ?? createSecretBox([generateSecretKey()]);
  const deps: AppDeps = {
    db,
    logger,
    loginLimiter: createLoginLimiter(db, now, options.loginPolicy ?? TEST_LOGIN_POLICY),
    secretBox,
    providerForOrg: createProviderResolver(db, { baseUrl: fakeNhn.url }, secretBox),
    cookieSecure: false,
    sendRetryBaseMs: options.sendRetryBaseMs ?? 100,
    now,
  };
  const runners: Runner[] = [];

  const request = (authorization: string | undefined, cookies: Map<string, string>, ip: string, language?: 'ko' | 'en'): RequestInfo => ({
    ip,
    authorization,
    ...(language ? { language } : {}),
    cookie: (name) => cookies.get(name),
    setCookie: (name, value) => void cookies.set(name, value),
    clearCookie: (name) => void cookies.delete(name),
  });
  const callerWithCookie: Harness['callerWithCookie'] = (token, opts = {}) => {
    const cookies = opts.cookies ?? new Map<string, string>();
    if (token) cookies.set(SESSION_COOKIE, token);
    return createCaller(createContext(deps, request(undefined, cookies, opts.ip ?? '127.0.0.1', opts.language)));
  };
  const callerWithBearer = (token: string) =>
    createCaller(createContext(deps, request(`Bearer ${token}`, new Map(), '127.0.0.1')));

  const signIn = async (userId: string) => {
    const { token, hash } = newToken('sess');
    await db.session.create({ data: { userId, tokenHash: hash, expiresAt: new Date(Date.now() + 365 * 86_400_000) } });
    return callerWithCookie(token);
  };

  let orgCounter = 0;
  const passwordHash = await hashPassword('correct horse battery');
  const createOrg = async (name = `Org ${++orgCounter}`): Promise<TestOrg> => {
    const slug = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    const org = await db.org.create({ data: { name } });
    const admin = await db.user.create({
      data: { orgId: org.id, email: `admin-${slug}@test.local`, name: 'Admin', passwordHash, role: 'admin' },
    });
    const member = await db.user.create({
      data: { orgId: org.id, email: `member-${slug}@test.local`, name: 'Member', passwordHash, role: 'member' },
    });
    await db.alimtalkSettings.create({ data: { orgId: org.id, provider: 'sandbox', senderKey: sandboxCredentials.senderKey } });
    const partition = await db.partition.create({
      data: { orgId: org.id, name: '리드', fields: DEMO_PARTITION_FIELDS as unknown as object[], phoneField: '전화번호' },
    });
    const templateIds: Record<string, string> = {};
    for (const t of sandboxTemplates) {
      const row = await db.alimtalkTemplate.create({
        data: {
          orgId: org.id,
          senderKey: sandboxCredentials.senderKey,
          templateCode: t.templateCode,
          name: t.templateName,
          content: t.templateContent,
          variables: extractVariables(t.templateContent),
          status: t.status,
        },
      });
      templateIds[t.templateCode] = row.id;
    }
    return {
      orgId: org.id,
      adminId: admin.id,
      memberId: member.id,
      partitionId: partition.id,
      templateIds,
      admin: await signIn(admin.id),
      member: await signIn(member.id),
    };
  };

  return {
    db,
    deps,
    fakeNhn,
    database,
    anonymous: callerWithCookie(undefined),
    callerWithCookie,
    callerWithBearer,
    createOrg,
    async startWorker({ cron = true } = {}) {
      const runner = await run({
        connectionString: database.url,
        concurrency: 4,
        noHandleSignals: true,
        pollInterval: 200,
        logger: silentWorkerLogger,
        taskList: createTaskList(deps),
        parsedCronItems: parseCronItems(cron ? cronItems : []),
      });
      runners.push(runner);
      return runner;
    },
    async close() {
      for (const r of runners) await r.stop().catch(() => {}); // some tests stop their own runner
      // Teardown of a throwaway database. With all 26 files at once on one Postgres, one step of it has been seen to
      // hang past the 60 s hook timeout after every test of the file passed (not reproduced alone, even under CPU
      // load). Bound each step and say which one stalled; global teardown drops every test database anyway.
      await bounded('prisma $disconnect', () => db.$disconnect());
      await bounded('fake NHN close', () => fakeNhn.close());
      await bounded('drop test database', () => database.drop());
    },
  };
}

const silentWorkerLogger = new Logger(() => () => {});

async function bounded(step: string, fn: () => Promise<unknown>, ms = 15_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<'stalled'>((resolve) => (timer = setTimeout(() => resolve('stalled'), ms)));
  const outcome = await Promise.race([fn().then(() => 'done' as const), stalled]);
  clearTimeout(timer);
  if (outcome === 'stalled') console.warn(`test harness teardown: ${step} did not finish within ${ms / 1000} s; moving on`);
}

/** Polls until `check` returns a truthy value or the timeout passes (then throws with the last value). */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 10_000, label = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last as T;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${label}; last value: ${JSON.stringify(last)}`);
}
