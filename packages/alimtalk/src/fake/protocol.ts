// NHN's envelope, errors, date windows and paging as the fake answers them.
import { parseKst } from '../kst.ts';

export type Json = Record<string, unknown>;

const MAX_WINDOW_MS = 31 * 24 * 60 * 60 * 1000;

/** An NHN refusal: answered as HTTP 200 with this header. */
export class NhnFailure {
  constructor(
    readonly code: number,
    readonly message: string,
  ) {}
}

export const header = (resultCode: number, resultMessage: string) => ({
  resultCode,
  resultMessage,
  isSuccessful: resultCode === 0,
});

export const ok = () => header(0, 'SUCCESS');

export function parseWindow(q: URLSearchParams, startKey: string, endKey: string): [number, number] {
  const s = q.get(startKey);
  const e = q.get(endKey);
  if (!s) throw new NhnFailure(-2001, `The '${startKey}' must not be blank.`);
  if (!e) throw new NhnFailure(-2001, `The '${endKey}' must not be blank.`);
  const sd = parseKst(s);
  const ed = parseKst(e);
  if (!sd || !ed) throw new NhnFailure(-4000, 'Invalid parameter (date format: yyyy-MM-dd HH:mm[:ss])');
  // the end is inclusive at its own precision
  const endInclusive = ed.getTime() + (e.trim().length <= 16 ? 60_000 : 1000) - 1;
  if (endInclusive < sd.getTime()) throw new NhnFailure(-4000, 'Invalid parameter (end before start)');
  if (endInclusive - sd.getTime() > MAX_WINDOW_MS)
    throw new NhnFailure(-4003, 'Search is possible within 31 days.');
  return [sd.getTime(), endInclusive];
}

function paging(q: URLSearchParams, max = 1000): { pageNum: number; pageSize: number } {
  const pageNum = q.get('pageNum') ? Number(q.get('pageNum')) : 1;
  const pageSize = q.get('pageSize') ? Number(q.get('pageSize')) : 15;
  if (!Number.isInteger(pageNum) || pageNum < 1)
    throw new NhnFailure(-2003, "The 'pageNum' must be greater than or equal to 1.");
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > max)
    throw new NhnFailure(-2004, `The 'pageSize' must be between 1 and ${max}.`);
  return { pageNum, pageSize };
}

/**
 * One page of `items`. With `ignorePaging` (a fault mode) every pageNum gets the first page and no totalCount —
 * the provider that once made the delivery poller collect pages until the server held 4 GB.
 */
export function page<T>(
  items: T[],
  q: URLSearchParams,
  ignorePaging = false,
): { items: T[]; totalCount?: number } {
  const { pageNum, pageSize } = paging(q);
  if (ignorePaging) return { items: items.slice(0, pageSize) };
  return { items: items.slice((pageNum - 1) * pageSize, pageNum * pageSize), totalCount: items.length };
}
