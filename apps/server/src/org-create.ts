// `pnpm org:create --name <org> --admin-email <email> [--url http://host:3000]`: an operator creates another org
// (multi-tenant installs) and gets its first admin's one-time invitation link to hand over (database: cli-database.ts).
import { parseArgs } from 'node:util';
import { createInvitation, createOrgWithDefaults, INVITATION_DAYS } from '@alimflow/api';
import { z } from 'zod';
import { openCliDatabase } from './cli-database.ts';
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

const { db, close } = await openCliDatabase(config);
let code = 0;
try {
  const now = new Date();
  const invitation = await db.$transaction(async (tx) => {
    const org = await createOrgWithDefaults(tx, { name: parsed.data.name, now });
    return createInvitation(tx, { orgId: org.id, email: parsed.data['admin-email'], role: 'admin', invitedById: null, now });
  });
  console.log(`Created org "${parsed.data.name}" (sandbox sending until NHN keys are set in 설정; this and next year's public holidays are on its list).`);
  console.log(`Invitation for ${invitation.email} (admin), valid ${INVITATION_DAYS} days, usable once:`);
  console.log(`${baseUrl}${invitation.path}`);
} catch (error) {
  console.error(`org:create: ${error instanceof Error ? error.message : String(error)}`);
  code = 1;
} finally {
  await close();
}
process.exit(code);
