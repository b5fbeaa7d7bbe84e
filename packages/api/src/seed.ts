// Idempotent demo data for `pnpm start`: an org, its admin, a lead partition and the sandbox templates.
import { randomBytes } from 'node:crypto';
import { extractVariables } from '@alimflow/automation-core';
import { sandboxCredentials, sandboxTemplates } from '@alimflow/alimtalk/fake';
import type { Db } from '@alimflow/db';
import { hashPassword } from './auth/password.ts';
import { createOrgWithDefaults } from './services/org-setup.ts';
import { createRecord, updateRecord } from './services/records.ts';

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

export async function seedDemo(
  db: Db,
  options: { adminEmail?: string | undefined; adminPassword?: string | undefined; sampleData?: boolean },
): Promise<SeedResult> {
  const adminEmail = (options.adminEmail ?? 'admin@alimflow.local').trim().toLowerCase();
  const existing = await db.user.findUnique({ where: { email: adminEmail } });
  if (existing) {
    await ensureTemplates(db, existing.orgId);
    return { orgId: existing.orgId, adminEmail, created: false };
  }

  const generatedPassword = options.adminPassword ? undefined : randomBytes(9).toString('base64url');
  const passwordHash = await hashPassword(options.adminPassword ?? generatedPassword!);
  const orgId = await db.$transaction(async (tx) => {
    const org = await createOrgWithDefaults(tx, { name: '데모 영업팀', now: new Date(), senderKey: sandboxCredentials.senderKey });
    await tx.user.create({ data: { orgId: org.id, email: adminEmail, name: '관리자', passwordHash, role: 'admin' } });
    await tx.partition.create({
      data: { orgId: org.id, name: '리드', fields: DEMO_PARTITION_FIELDS as unknown as object[], phoneField: '전화번호' },
    });
    return org.id;
  });
  await ensureTemplates(db, orgId);
  if (options.sampleData ?? true) await seedSampleAutomation(db, orgId);
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

/**
 * Two working rules and a few leads, created through the same record service the API uses, so the first start
 * shows the whole flow — sends, skips, a reminder series — in the sandbox. Only on the org's first creation.
 */
async function seedSampleAutomation(db: Db, orgId: string): Promise<void> {
  const partition = await db.partition.findFirstOrThrow({ where: { orgId, name: '리드' } });
  const template = (code: string) => db.alimtalkTemplate.findFirstOrThrow({ where: { orgId, templateCode: code } });
  const admin = await db.user.findFirst({ where: { orgId, role: 'admin' } });
  await db.alimtalkTemplateLink.create({
    data: {
      orgId,
      partitionId: partition.id,
      templateId: (await template('SF_WELCOME')).id,
      name: '신규 문의 환영',
      recipientField: '전화번호',
      variableMappings: { 이름: '이름', 전화번호: '전화번호' },
      triggerType: 'on_create',
      triggerCondition: { field: '상태', operator: 'eq', value: '신규' },
      createdById: admin?.id ?? null,
    },
  });
  await db.alimtalkTemplateLink.create({
    data: {
      orgId,
      partitionId: partition.id,
      templateId: (await template('SF_REMIND')).id,
      name: '상담 일정 리마인드',
      recipientField: '전화번호',
      variableMappings: { 이름: '이름', 상태: '상태' },
      triggerType: 'on_update',
      triggerCondition: { field: '상태', operator: 'changed_to', value: '상담중' },
      repeatConfig: { intervalHours: 24, maxRepeat: 3, stopCondition: { field: '상태', operator: 'eq', value: '응답완료' } },
      createdById: admin?.id ?? null,
    },
  });
  const now = new Date();
  const leads = [
    { 이름: '김민수', 전화번호: '010-2000-0001', 상태: '신규' },
    { 이름: '이서연', 전화번호: '010-2000-0002', 상태: '신규' },
    { 이름: '박지훈', 전화번호: '02-555-0100', 상태: '신규' },
  ];
  const created = [];
  for (const lead of leads) created.push(await createRecord(db, orgId, partition.id, lead, now));
  await updateRecord(db, orgId, created[1]!.id, { 상태: '상담중' }, now);
}
