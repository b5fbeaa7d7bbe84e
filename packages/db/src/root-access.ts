// Running as root, embedded Postgres runs as the `postgres` OS user, which must be able to pass through every
// directory above its binaries (inside this clone's node_modules) and above its data directory. A clone under a
// private directory such as /root (mode 0700) fails deep inside initdb with EACCES; check first and say, in one
// line, what to do.
import { statSync } from 'node:fs';
import path from 'node:path';

export class EmbeddedPostgresAccessError extends Error {}

/** The first directory above `target` that others cannot enter (no o+x), or null. */
export function closedAncestor(target: string): string | null {
  let dir = path.resolve(target);
  for (;;) {
    try {
      if ((statSync(dir).mode & 0o001) === 0) return dir;
    } catch {
      // Not created yet: its parent decides.
    }
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

export function assertPostgresUserCanReach(dirs: string[]): void {
  for (const dir of dirs) {
    const closed = closedAncestor(dir);
    if (closed) {
      throw new EmbeddedPostgresAccessError(
        `Embedded PostgreSQL runs as the 'postgres' user, which cannot enter ${closed}: run \`chmod o+x ${closed}\` (or move the clone), or set DATABASE_URL to your own PostgreSQL.`,
      );
    }
  }
}
