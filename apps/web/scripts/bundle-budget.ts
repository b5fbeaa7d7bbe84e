// What the login page downloads on a first visit, read from Vite's build manifest: index.html, the entry chunk
// and the login route's chunk with everything they import statically, and their CSS — each as the brotli file the
// server sends. Fonts are left out: the browser fetches only the unicode-range subsets a page draws, and woff2 is
// compressed already.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** The goal in issue 14: the login page's first load, compressed. */
export const LOGIN_BUDGET_BYTES = 200 * 1024;

export interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
  isEntry?: boolean;
}
export type Manifest = Record<string, ManifestChunk>;

/** Every file a route needs before it can render: its chunks, their static imports, and their CSS. */
export function filesFor(manifest: Manifest, roots: readonly string[]): string[] {
  const seen = new Set<string>();
  const files = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build manifest`);
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  roots.forEach(visit);
  return [...files];
}

/** Bytes on the wire: the .br beside a file if the build wrote one (small files are sent as they are). */
export function compressedSize(dist: string, file: string): number {
  const full = path.join(dist, file);
  return existsSync(`${full}.br`) ? statSync(`${full}.br`).size : statSync(full).size;
}

export interface BudgetReport {
  files: { file: string; bytes: number }[];
  total: number;
}

export function loginFirstLoad(dist: string): BudgetReport {
  const manifest = JSON.parse(readFileSync(path.join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  const files = ['index.html', ...filesFor(manifest, ['index.html', 'src/pages/login-page.tsx'])].map((file) => ({
    file,
    bytes: compressedSize(dist, file),
  }));
  return { files, total: files.reduce((sum, f) => sum + f.bytes, 0) };
}
