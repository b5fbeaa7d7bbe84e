// The bundle budget: a production build in a temporary directory, and the login page's first load measured from
// its manifest. Fails when a change makes the first page anyone sees heavier than the goal.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesFor, LOGIN_BUDGET_BYTES, loginFirstLoad, type Manifest } from './bundle-budget';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let dist: string;

beforeAll(async () => {
  dist = mkdtempSync(path.join(os.tmpdir(), 'alimflow-budget-'));
  // Vitest runs with NODE_ENV=test, which would build React's development bundle; measure what users get.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root: webDir, configFile: path.join(webDir, 'vite.config.ts'), mode: 'production', logLevel: 'warn', build: { outDir: dist } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}, 120_000);
afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe('login page first load', () => {
  it(`stays within ${LOGIN_BUDGET_BYTES / 1024} KB compressed`, () => {
    const report = loginFirstLoad(dist);
    // The figures, for whoever is trimming the bundle.
    console.info(
      [`login first load: ${(report.total / 1024).toFixed(1)} KB brotli`, ...report.files.map((f) => `  ${(f.bytes / 1024).toFixed(1).padStart(6)} KB ${f.file}`)].join('\n'),
    );
    expect(report.total).toBeLessThanOrEqual(LOGIN_BUDGET_BYTES);
  });

  it('does not download the signed-in shell, a feature page or the chart library', () => {
    const names = loginFirstLoad(dist).files.map((f) => path.basename(f.file));
    for (const heavy of ['authenticated-layout', 'dashboard-page', 'automations-page', 'records-page', 'sends-chart']) {
      expect(names.some((name) => name.startsWith(heavy)), heavy).toBe(false);
    }
  });
});

describe('filesFor', () => {
  const manifest: Manifest = {
    'index.html': { file: 'assets/index-1.js', isEntry: true, imports: ['_shared.js'], css: ['assets/index-1.css'] },
    '_shared.js': { file: 'assets/shared-2.js', imports: ['index.html'] },
    'src/pages/login-page.tsx': { file: 'assets/login-3.js', imports: ['_shared.js', '_form.js'] },
    '_form.js': { file: 'assets/form-4.js', css: ['assets/form-4.css'] },
    'src/pages/other.tsx': { file: 'assets/other-5.js' },
  };

  it('follows static imports once each, through cycles, with their CSS, and nothing else', () => {
    expect(filesFor(manifest, ['index.html', 'src/pages/login-page.tsx']).sort()).toEqual(
      ['assets/form-4.css', 'assets/form-4.js', 'assets/index-1.css', 'assets/index-1.js', 'assets/login-3.js', 'assets/shared-2.js'].sort(),
    );
  });

  it('names a root missing from the manifest (e.g. the login page was moved)', () => {
    expect(() => filesFor(manifest, ['src/pages/gone.tsx'])).toThrow('src/pages/gone.tsx is not in the build manifest');
  });
});
