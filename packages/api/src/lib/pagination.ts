// Keyset pagination on (createdAt desc, id desc): stable while rows are added, and cheap on the
// (orgId, createdAt desc) indexes. The cursor is opaque to clients.
import { z } from 'zod';
import { invalid, words } from '../errors.ts';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

export const pageInput = {
  cursor: z.string().max(200).nullish(),
  limit: z
    .number()
    .int('Limit must be a whole number.')
    .min(1, 'Limit must be at least 1.')
    .max(MAX_PAGE_SIZE, `Limit can be at most ${MAX_PAGE_SIZE}.`)
    .default(DEFAULT_PAGE_SIZE),
};

interface Keyed {
  id: string;
  createdAt: Date;
}

export function encodeCursor(row: Keyed): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');
}

/** Prisma `where` fragment for rows strictly after the cursor in (createdAt desc, id desc) order. */
export function afterCursor(cursor: string | null | undefined): object {
  if (!cursor) return {};
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(iso ?? '');
  if (!id || !z.uuid().safeParse(id).success || Number.isNaN(createdAt.getTime())) {
    throw invalid(words('페이지 위치(cursor)가 올바르지 않습니다. 목록을 새로 고치세요.', 'The page cursor is invalid; reload the list.'));
  }
  return { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] };
}

export const keysetOrder = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];

/** Takes rows fetched with `take: limit + 1`. */
export function toPage<T extends Keyed>(rows: T[], limit: number): { rows: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: encodeCursor(page[page.length - 1]!) };
}
