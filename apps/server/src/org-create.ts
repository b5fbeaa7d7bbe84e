// `pnpm org:create --name <org> --admin-email <email> [--url http://host:3000]`: an operator creates another org
// (multi-tenant installs) and gets its first admin's one-time invitation link to hand over. Uses DATABASE_URL, or
// the embedded Postgres in DATA_DIR — the running server's if there is one, else it starts it for the command.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createInvitation, INVITATION_DAYS } from '@alimflow/api';
import { createPrismaClient, migrateDatabase, startDatabase, type DatabaseHandle } from '@alimflow/db';
import { z } from 'zod';
import { loadConfigOrExit } from './load-config.ts';

const args = z.object({
  name: z.string({ error: 'give the org a name: --name "영업 2팀"' }).trim().min(1, 'give the org a name: --name "영업 2팀"').max(100),
  'admin-email': z.email({ error: 'give the first admin: --admin-email admin@example.com' }).transform((e) => e.toLowerCase()),
  url: z.url({ error: '--url must be the address people open, e.g. http://127.0.0.1:3000' }).optional(),
});

function fail(message: string): never {
  console.error(`org:create: ${message}`);
  process.exit(2);
}

const { values } = parseArgs({ options: { name: { type: 'string' }, 'admin-email': { type: 'string' }, url: { type: 'string' } }, strict: true });
const parsed = args.safeParse(values);
if (!parsed.success) fail(parsed.error.issues.map((i) => i.message).join('; '));
const config = loadConfigOrExit();
const baseUrl = (parsed.data.url ?? `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`).replace(/\/$/, '');

/** The embedded server a running AlimFlow started: its port is the 4th line of postmaster.pid. */
function runningEmbeddedUrl(dataDir: string): string | null {
  try {
    const lines = readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (!pid || !port) return null;
    process.kill(pid, 0);
    return `postgresql://postgres:postgres@127.0.0.1:${port}/alimflow`;
  } catch {
    return null;
  }
}

const dataDir = path.join(config.DATA_DIR, 'pg');
const running = config.DATABASE_URL ? null : runningEmbeddedUrl(dataDir);
const database: DatabaseHandle = running
  ? { url: running, embedded: true, stop: async () => {} }
  : await startDatabase({ databaseUrl: config.DATABASE_URL, dataDir });
const db = createPrismaClient(database.url, { max: 2 });
let code = 0;
try {
  await migrateDatabase(database.url, { quiet: true });
  const now = new Date();
  const invitation = await db.$transaction(async (tx) => {
    const org = await tx.org.create({ data: { name: parsed.data.name } });
    await tx.alimtalkSettings.create({ data: { orgId: org.id, provider: 'sandbox' } });
    return createInvitation(tx, { orgId: org.id, email: parsed.data['admin-email'], role: 'admin', invitedById: null, now });
  });
  console.log(`Created org "${parsed.data.name}" (sandbox sending until NHN keys are set in 설정).`);
  console.log(`Invitation for ${invitation.email} (admin), valid ${INVITATION_DAYS} days, usable once:`);
  console.log(`${baseUrl}${invitation.path}`);
} catch (error) {
  console.error(`org:create: ${error instanceof Error ? error.message : String(error)}`);
  code = 1;
} finally {
  await db.$disconnect();
  await database.stop();
}
process.exit(code);
