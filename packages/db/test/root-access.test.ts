// Starting as root from a private directory: a one-line message that names the directory and the fix.
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertPostgresUserCanReach, closedAncestor } from '../src/root-access.ts';

const base = mkdtempSync(path.join(os.tmpdir(), 'alimflow-root-access-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('embedded Postgres reachability as root', () => {
  it('names the first 0700 directory above the target and says what to do, in one line', () => {
    chmodSync(base, 0o755);
    const privateDir = path.join(base, 'private');
    mkdirSync(path.join(privateDir, 'clone', 'node_modules'), { recursive: true });
    chmodSync(privateDir, 0o700);
    expect(closedAncestor(path.join(privateDir, 'clone', 'node_modules'))).toBe(privateDir);
    expect(() => assertPostgresUserCanReach([path.join(privateDir, 'clone', 'node_modules')])).toThrow(
      new RegExp(`^[^\\n]*cannot enter ${privateDir}: run \`chmod o\\+x ${privateDir}\`.*DATABASE_URL[^\\n]*$`),
    );
  });

  it('passes when every directory above is enterable, including one not created yet', () => {
    const open = path.join(base, 'open');
    mkdirSync(open, { mode: 0o755 });
    chmodSync(open, 0o755);
    expect(closedAncestor(path.join(open, 'not-yet', 'pg'))).toBeNull();
  });
});
