// The built SPA: precompressed files (vite writes .br/.gz beside each asset), cache headers, and index.html for
// client-side routes. Security headers (CSP…) are not set here.
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Vite puts a content hash in every file under assets/: a new build means new names, so they never change. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current hashed files: always ask whether it changed. */
const REVALIDATE = 'no-cache';

export function cacheControlFor(filePath: string): string {
  return filePath.split(path.sep).includes('assets') ? IMMUTABLE : REVALIDATE;
}

/** Serves `webDist` if it holds a build; returns false (and serves nothing) if it does not. */
export async function registerSpa(app: FastifyInstance, webDist: string): Promise<boolean> {
  if (!existsSync(path.join(webDist, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: webDist,
    wildcard: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, filePath) => void reply.header('cache-control', cacheControlFor(path.relative(webDist, filePath))),
  });
  // Client-side routes (/automations, /logs…) all load the SPA.
  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && !req.url.startsWith('/trpc') && !req.url.startsWith('/api/')) {
      return reply.sendFile('index.html');
    }
    return reply.code(404).send({ error: 'not found' });
  });
  return true;
}
