/**
 * Paging through an NHN list, one page at a time, with a hard stop whatever the provider does. A provider that
 * ignores `pageNum` answers every page with the same full page and no usable `totalCount`; collecting "until the
 * count is reached" then grows without bound (issue 10: 4.19 GB). So a list ends on the first of:
 * an empty page, a short page, a page longer than asked for (paging ignored: there is nothing more to ask for),
 * a page already seen, the reported total reached, or `maxPages`.
 */
import { createHash } from 'node:crypto';

export interface FetchedPage<T> {
  items: T[];
  totalCount?: number | null | undefined;
}

export interface PagingOptions<T> {
  pageSize: number;
  maxPages: number;
  /** Identifies an item, so a page served twice is recognised. */
  key: (item: T) => string;
}

function fingerprint<T>(items: T[], key: (item: T) => string): string {
  const h = createHash('sha1');
  for (const item of items) h.update(key(item)).update('\n');
  return h.digest('hex');
}

/** Yields each page's items as it arrives; the caller keeps at most one page in memory. */
export async function* pages<T>(
  fetchPage: (pageNum: number) => Promise<FetchedPage<T>>,
  o: PagingOptions<T>,
): AsyncGenerator<T[], void, undefined> {
  // one digest per page, at most maxPages of them
  const seen = new Set<string>();
  let count = 0;
  for (let pageNum = 1; pageNum <= o.maxPages; pageNum++) {
    const { items, totalCount } = await fetchPage(pageNum);
    if (items.length === 0) return;
    const print = fingerprint(items, o.key);
    if (seen.has(print)) return;
    seen.add(print);
    yield items;
    count += items.length;
    if (items.length !== o.pageSize) return;
    if (totalCount != null && count >= totalCount) return;
  }
}

export async function allPages<T>(it: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of it) out.push(...page);
  return out;
}
