// Lead imports end to end: files as Excel writes them (CP949 CSV, UTF-8 with BOM, XLSX), mapping guessed from the
// headers, per-cell preview errors, duplicate-phone policies, on_create rules off unless asked, the worker job and
// the rejected-rows report.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLink, nextPhone } from './support/fixtures.ts';
import { createHarness, eventually, type Harness, type TestOrg } from './support/harness.ts';
import { expectTRPCError } from './support/router-helpers.ts';

let h: Harness;
let org: TestOrg;
let other: TestOrg;

beforeAll(async () => {
  h = await createHarness({ deliveryDelayMs: 20 });
  org = await h.createOrg('가져오기');
  other = await h.createOrg('남의 조직');
  await h.startWorker({ cron: false });
});
afterAll(() => h.close());

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const csv = (lines: string[]) => lines.join('\r\n') + '\r\n';

async function finished(caller: TestOrg['admin'], id: string) {
  return eventually(async () => {
    const state = await caller.imports.get({ id });
    return state.status === 'done' ? state : null;
  }, 20_000, `import ${id} done`);
}

describe('reading files', () => {
  it('reads a CP949 CSV, guesses the mapping from Korean headers, previews per-cell errors', async () => {
    const bytes = iconv.encode(csv(['고객 이름,휴대폰 번호,상태,메모', `김철수,${nextPhone()},신규,x`, '이영희,전화없음,상담중,y', '박민수,01099990000,없는상태,z']), 'cp949');
    const upload = await org.admin.imports.upload({ partitionId: org.partitionId, filename: '리드.csv', contentBase64: b64(bytes) });
    expect(upload).toMatchObject({ encoding: 'cp949', headers: ['고객 이름', '휴대폰 번호', '상태', '메모'], total: 3, status: 'draft' });
    expect(upload.mapping).toEqual({ 이름: 0, 전화번호: 1, 상태: 2 });
    const preview = await org.admin.imports.preview({ id: upload.id, mapping: upload.mapping });
    expect(preview).toMatchObject({ total: 3, valid: 1, invalid: 2 });
    expect(preview.rows[0]!.cells.every((c) => c.error === null)).toBe(true);
    expect(preview.rows[1]!.cells.find((c) => c.field === '전화번호')).toMatchObject({ value: '전화없음', error: expect.stringMatching(/^전화번호가 아닙니다 \(전화번호에는 숫자/) });
    expect(preview.rows[2]!.cells.find((c) => c.field === '상태')?.error).toBe('다음 중 하나여야 합니다: 신규, 상담중, 응답완료');
  });

  it('reads UTF-8 with a BOM and XLSX', async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(csv(['이름,전화번호', `최BOM,${nextPhone()}`]))]);
    expect(await org.admin.imports.upload({ partitionId: org.partitionId, filename: 'bom.csv', contentBase64: b64(bom) })).toMatchObject({ encoding: 'utf-8-bom', headers: ['이름', '전화번호'] });

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('리드');
    sheet.addRow(['이름', '전화번호', '상태']);
    sheet.addRow(['엑셀', nextPhone(), '신규']);
    const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
    const upload = await org.admin.imports.upload({ partitionId: org.partitionId, filename: 'leads.xlsx', contentBase64: b64(xlsx) });
    expect(upload).toMatchObject({ encoding: 'xlsx', total: 1, mapping: { 이름: 0, 전화번호: 1, 상태: 2 } });
  });

  it('refuses unreadable and empty files with a clear message, and members', async () => {
    await expectTRPCError(org.admin.imports.upload({ partitionId: org.partitionId, filename: 'x.xlsx', contentBase64: b64(new Uint8Array([0x50, 0x4b, 1, 2])) }), 'BAD_REQUEST', /읽을 수 있는 \.xlsx 통합 문서가 아닙니다/);
    await expectTRPCError(org.admin.imports.upload({ partitionId: org.partitionId, filename: 'x.csv', contentBase64: b64(new TextEncoder().encode('이름\r\n')) }), 'BAD_REQUEST', /데이터 행이 없습니다/);
    await expectTRPCError(org.member.imports.upload({ partitionId: org.partitionId, filename: 'x.csv', contentBase64: 'YQ==' }), 'FORBIDDEN');
    await expectTRPCError(org.admin.imports.upload({ partitionId: other.partitionId, filename: 'x.csv', contentBase64: 'YQ==' }), 'NOT_FOUND');
  });
});

describe('running an import', () => {
  it('skips or updates rows whose phone exists, rejects bad rows into a report, and runs no rules by default', async () => {
    const link = await createLink(h, org, { name: '가져오기 환영', triggerCondition: { field: '상태', operator: 'eq', value: '신규' } });
    const existingPhone = nextPhone();
    const existing = await org.admin.records.create({ partitionId: org.partitionId, data: { 이름: '기존 고객', 전화번호: existingPhone, 상태: '상담중' } });
    const fresh = [nextPhone(), nextPhone()];
    const file = csv(['이름,전화번호,상태', `새고객1,${fresh[0]},신규`, `새고객2,${fresh[1]},신규`, `기존 고객 새이름,${existingPhone},응답완료`, '잘못된,010,신규']);
    for (const policy of ['skip', 'update'] as const) {
      const upload = await org.admin.imports.upload({ partitionId: org.partitionId, filename: `${policy}.csv`, contentBase64: b64(new TextEncoder().encode(file)) });
      await org.admin.imports.start({ id: upload.id, mapping: upload.mapping, duplicatePolicy: policy });
      await expectTRPCError(org.admin.imports.start({ id: upload.id, mapping: upload.mapping }), 'CONFLICT', /이미 시작된 가져오기/);
      const done = await finished(org.admin, upload.id);
      if (policy === 'skip') {
        expect(done).toMatchObject({ processed: 4, created: 2, updated: 0, skipped: 1, rejectedCount: 1 });
        expect((await h.db.record.findUniqueOrThrow({ where: { id: existing.id } })).data).toMatchObject({ 이름: '기존 고객' });
      } else {
        // The two new leads exist now too: all three rows match and are updated.
        expect(done).toMatchObject({ created: 0, updated: 3, skipped: 0, rejectedCount: 1 });
        expect((await h.db.record.findUniqueOrThrow({ where: { id: existing.id } })).data).toMatchObject({ 이름: '기존 고객 새이름', 상태: '응답완료' });
      }
      const report = await org.admin.imports.rejectedReport({ id: upload.id });
      expect(report.csv.startsWith('\uFEFFrow,reason,이름,전화번호,상태')).toBe(true);
      expect(report.csv).toMatch(/5,"?전화번호: 전화번호가 아닙니다/);
    }
    expect(await h.db.record.count({ where: { partitionId: org.partitionId, data: { path: ['전화번호'], equals: fresh[0]! } } })).toBe(1);
    // Imported leads were not messaged: no rule evaluated them.
    await new Promise((r) => setTimeout(r, 500));
    expect(await h.db.automationEvent.count({ where: { linkId: link.id } })).toBe(1);
    await h.db.alimtalkTemplateLink.update({ where: { id: link.id }, data: { isActive: false } });
  });

  it('with runOnCreate, on_create rules see the created rows; "add" keeps duplicates as new records', async () => {
    const link = await createLink(h, org, { name: '가져오기 후 발송', triggerCondition: { field: '상태', operator: 'eq', value: '신규' } });
    const phone = nextPhone();
    const file = csv(['이름,전화번호,상태', `중복A,${phone},신규`, `중복B,${phone},신규`]);
    const upload = await org.admin.imports.upload({ partitionId: org.partitionId, filename: 'add.csv', contentBase64: b64(new TextEncoder().encode(file)) });
    await org.admin.imports.start({ id: upload.id, mapping: upload.mapping, duplicatePolicy: 'add', runOnCreate: true });
    expect(await finished(org.admin, upload.id)).toMatchObject({ created: 2 });
    const logs = await eventually(async () => {
      const rows = await h.db.alimtalkSendLog.findMany({ where: { linkId: link.id } });
      return rows.length === 2 ? rows : null;
    }, 15_000, 'two sends');
    expect(logs.every((l) => l.triggerType === 'auto')).toBe(true);
  });

  it("another org's import answers NOT_FOUND", async () => {
    const upload = await other.admin.imports.upload({ partitionId: other.partitionId, filename: 'o.csv', contentBase64: b64(new TextEncoder().encode(csv(['이름', '남']))) });
    await expectTRPCError(org.admin.imports.get({ id: upload.id }), 'NOT_FOUND');
    await expectTRPCError(org.admin.imports.start({ id: upload.id, mapping: { 이름: 0 } }), 'NOT_FOUND');
    await expectTRPCError(org.admin.imports.rejectedReport({ id: upload.id }), 'NOT_FOUND');
  });
});
