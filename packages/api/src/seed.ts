// Idempotent demo data for `pnpm start`: an org, its admin, a lead partition and the sandbox templates.
import { randomBytes } from 'node:crypto';
import { extractVariables } from '@alimflow/automation-core';
import { sandboxCredentials, sandboxTemplates } from '@alimflow/alimtalk/fake';
import type { Db } from '@alimflow/db';
import { hashPassword } from './auth/password.ts';

export const DEMO_PARTITION_FIELDS = [
  { key: '이름', label: '이름', type: 'text' },
  { key: '전화번호', label: '전화번호', type: 'phone' },
  { key: '상태', label: '상태', type: 'select', options: ['신규', '상담중', '응답완료'] },
] as const;

export interface SeedResult {
  orgId: string;
  adminEmail: string;
  /** Set only when the admin was created now with a generated password: print it once. */
  generatedPassword?: string;
  created: boolean;
}

export async function seedDemo(db: Db, options: { adminEmail?: string | undefined; adminPassword?: string | undefined }): Promise<SeedResult> {
  const adminEmail = (options.adminEmail ?? 'admin@alimflow.local').trim().toLowerCase();
  const existing = await db.user.findUnique({ where: { email: adminEmail } });
  if (existing) {
    await ensureTemplates(db, existing.orgId);
    return { orgId: existing.orgId, adminEmail, created: false };
  }

  const generatedPassword = options.adminPassword ? undefined : randomBytes(9).toString('base64url');
  const passwordHash = await hashPassword(options.adminPassword ?? generatedPassword!);
  const orgId = await db.$transaction(async (tx) => {
    const org = await tx.org.create({ data: { name: '데모 영업팀' } });
    await tx.user.create({ data: { orgId: org.id, email: adminEmail, name: '관리자', passwordHash, role: 'admin' } });
    await tx.alimtalkSettings.create({ data: { orgId: org.id, provider: 'sandbox', senderKey: sandboxCredentials.senderKey } });
    await tx.partition.create({
      data: { orgId: org.id, name: '리드', fields: DEMO_PARTITION_FIELDS as unknown as object[], phoneField: '전화번호' },
    });
    return org.id;
  });
  await ensureTemplates(db, orgId);
  return { orgId, adminEmail, created: true, ...(generatedPassword ? { generatedPassword } : {}) };
}

async function ensureTemplates(db: Db, orgId: string): Promise<void> {
  const senderKey = sandboxCredentials.senderKey;
  for (const t of sandboxTemplates) {
    await db.alimtalkTemplate.upsert({
      where: { orgId_senderKey_templateCode: { orgId, senderKey, templateCode: t.templateCode } },
      create: {
        orgId,
        senderKey,
        templateCode: t.templateCode,
        name: t.templateName,
        content: t.templateContent,
        variables: extractVariables(t.templateContent),
        status: t.status,
      },
      update: {},
    });
  }
}
