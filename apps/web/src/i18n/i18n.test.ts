import { describe, expect, it } from 'vitest';
import en from './en.json';
import ko from './ko.json';
import { enNamespaces, koNamespaces } from './namespaces/index.ts';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  // Feature namespaces are checked as if they were subtrees of the main one.
  const koKeys = leaves({ ...ko, ...(koNamespaces as unknown as Tree) });
  const enKeys = leaves({ ...en, ...(enNamespaces as unknown as Tree) });

  it('English has exactly the keys Korean has', () => {
    expect([...enKeys.keys()].sort()).toEqual([...koKeys.keys()].sort());
  });

  it('no string is empty', () => {
    for (const [key, value] of [...koKeys, ...enKeys]) expect(value.trim(), key).not.toBe('');
  });

  it('both languages use the same {{placeholders}}', () => {
    for (const [key, value] of koKeys) expect(placeholders(enKeys.get(key) ?? ''), key).toEqual(placeholders(value));
  });

  it('uses the words ui.md fixes for statuses and trigger types', () => {
    expect(ko.status).toEqual({ pending: '대기', accepted: '발송됨', delivered: '전달됨', failed: '실패', skipped: '건너뜀' });
    expect(ko.trigger).toEqual({ manual: '수동', auto: '자동', repeat: '반복' });
    expect(ko.nav).toMatchObject({ dashboard: '대시보드', records: '레코드', automations: '자동화', logs: '발송 로그', repeats: '반복 발송', settings: '설정' });
  });
});
