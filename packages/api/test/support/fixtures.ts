import type { Prisma } from '@alimflow/db';
import type { Harness, TestOrg } from './harness.ts';

/** A link written straight to the database, so engine tests do not depend on the link router's validation. */
export async function createLink(
  h: Harness,
  org: TestOrg,
  overrides: Partial<Prisma.AlimtalkTemplateLinkUncheckedCreateInput> & { templateCode?: string } = {},
) {
  const { templateCode = 'SF_WELCOME', ...rest } = overrides;
  return h.db.alimtalkTemplateLink.create({
    data: {
      orgId: org.orgId,
      partitionId: org.partitionId,
      templateId: org.templateIds[templateCode]!,
      name: `link ${templateCode}`,
      recipientField: '전화번호',
      variableMappings: { 이름: '이름', 전화번호: '전화번호', 상태: '상태' },
      triggerType: 'on_create',
      triggerCondition: { field: '상태', operator: 'eq', value: '신규' },
      cooldownHours: 1,
      isActive: true,
      createdById: org.adminId,
      ...rest,
    },
  });
}

let phoneCounter = 1000;
/** A fresh valid mobile number per call, so fake-NHN lookups by number never collide across tests. */
export function nextPhone(): string {
  phoneCounter += 1;
  return `0109999${String(phoneCounter).padStart(4, '0')}`;
}

/** The evaluate job's payload for a record just inserted, as records.create would enqueue it (replayed by tests). */
export function createEventFor(record: { id: string; orgId: string; partitionId: string; data: unknown }, eventId: string) {
  return {
    eventId,
    orgId: record.orgId,
    recordId: record.id,
    partitionId: record.partitionId,
    event: 'create' as const,
    before: null,
    after: record.data as Record<string, unknown>,
    at: new Date().toISOString(),
  };
}

/** A lead partition's fields with every type the partition tests need. */
export const LEAD_FIELDS = [
  { key: 'name', label: '고객명', type: 'text' as const },
  { key: 'mobile', label: '휴대폰', type: 'phone' as const },
  { key: 'stage', label: '단계', type: 'select' as const, options: ['신규', '계약'] },
  { key: 'score', label: '점수', type: 'number' as const },
];
