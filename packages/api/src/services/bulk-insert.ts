// Batch INSERTs of the rows a sweep or an evaluation batch writes by the hundred (send logs, automation events),
// as one statement with one JSON parameter. Prisma's createMany spent ~0.5 ms of Node CPU per send-log row and
// ~0.3 ms per event building and serialising its query (issue 10: 5,000 repeats took 4.3 s of the API's 6.3 s CPU
// in these two calls); json_to_recordset hands the whole batch to Postgres as one string (json, not jsonb: it is
// read once, so converting it to jsonb first would only add work).
import { Prisma } from '@alimflow/db';
import type { AlimtalkSendLog, SendTriggerType } from '@alimflow/db';
import type { RawTx } from './jobs.ts';

/** A column: its name, its SQL type in the JSON record, and the expression inserted (a default when absent). */
type Column = readonly [name: string, type: string, expression?: string];

function insertJsonRowsSql(table: string, columns: readonly Column[], rows: readonly object[]): Prisma.Sql {
  const names = columns.map(([name]) => `"${name}"`).join(', ');
  const values = columns.map(([name, , expression]) => expression ?? `x."${name}"`).join(', ');
  const types = columns.map(([name, type]) => `"${name}" ${type}`).join(', ');
  // Identifiers and types are this module's constants; the rows travel only as the bound JSON parameter.
  return Prisma.sql`INSERT INTO ${Prisma.raw(`"${table}" (${names})`)} SELECT ${Prisma.raw(values)}
      FROM json_to_recordset(${JSON.stringify(rows)}::json) AS ${Prisma.raw(`x(${types})`)}`;
}

async function insertJsonRows(tx: RawTx, table: string, columns: readonly Column[], rows: readonly object[]): Promise<void> {
  if (rows.length) await tx.$executeRaw(insertJsonRowsSql(table, columns, rows));
}

/** The columns decideSends writes; the rest keep their defaults (attempts 0, no request yet). */
export interface SendLogInsert {
  id: string;
  orgId: string;
  linkId: string;
  recordId: string;
  templateCode: string;
  senderKey: string | null;
  recipientNo: string;
  content: string;
  templateParameter: Record<string, string>;
  triggerType: SendTriggerType;
  status: 'pending' | 'skipped';
  dedupeKey: string;
  reason?: string;
  resultMessage?: string;
  notBefore?: Date;
  enrolmentId?: string;
  createdAt: Date;
  updatedAt: Date;
}

const SEND_LOG_COLUMNS: readonly Column[] = [
  ['id', 'uuid'],
  ['orgId', 'uuid'],
  ['linkId', 'uuid'],
  ['recordId', 'uuid'],
  ['templateCode', 'text'],
  ['senderKey', 'text'],
  ['recipientNo', 'text'],
  ['content', 'text'],
  ['templateParameter', 'jsonb', `COALESCE(x."templateParameter", '{}'::jsonb)`],
  ['triggerType', '"SendTriggerType"'],
  ['status', '"SendStatus"'],
  ['dedupeKey', 'text'],
  ['reason', 'text'],
  ['resultMessage', 'text'],
  ['notBefore', 'timestamptz'],
  ['enrolmentId', 'uuid'],
  ['createdAt', 'timestamptz'],
  ['updatedAt', 'timestamptz'],
];

/**
 * The stored rows come back from the same statement: a send right after the evaluation needs them whole (every
 * column is text, uuid, int, timestamptz or jsonb, which $queryRaw reads as Prisma's model would).
 */
export async function insertSendLogs(tx: RawTx, rows: readonly SendLogInsert[]): Promise<AlimtalkSendLog[]> {
  if (!rows.length) return [];
  return tx.$queryRaw<AlimtalkSendLog[]>(Prisma.sql`${insertJsonRowsSql('AlimtalkSendLog', SEND_LOG_COLUMNS, rows)} RETURNING *`);
}

/** An AutomationEvent row; a null or absent detail is SQL NULL (as Prisma.DbNull), never JSON null. */
export interface AutomationEventInsert {
  orgId: string;
  linkId: string | null;
  recordId: string;
  event: string;
  decision: string;
  reason: string | null;
  detail?: unknown;
  sendLogId?: string | null;
  createdAt: Date;
  /** A shared skip's rules (skip-history.ts); absent on every other row. */
  linkIds?: readonly string[];
}

const EVENT_COLUMNS: readonly Column[] = [
  ['id', 'uuid', 'gen_random_uuid()'],
  ['orgId', 'uuid'],
  ['linkId', 'uuid'],
  ['recordId', 'uuid'],
  ['event', 'text'],
  ['decision', 'text'],
  ['reason', 'text'],
  ['detail', 'jsonb'],
  ['sendLogId', 'uuid'],
  ['createdAt', 'timestamptz'],
  ['linkIds', 'uuid[]', `COALESCE(x."linkIds", '{}')`],
];

export function insertAutomationEvents(tx: RawTx, rows: readonly AutomationEventInsert[]): Promise<void> {
  return insertJsonRows(tx, 'AutomationEvent', EVENT_COLUMNS, rows);
}
