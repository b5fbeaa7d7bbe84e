// Browser-facing protections: security headers with a CSP the built SPA satisfies (own scripts only, no framing),
// and a same-origin rule for mutations that ride on the session cookie. A cross-site page can make the browser
// send our cookie (SameSite=Lax still allows top-level POSTs in some browsers, and any same-site subdomain), so a
// cookie-authenticated POST must show that it came from our own origin. API-token calls carry no ambient
// credential and are exempt; so are requests without the session cookie (nothing to ride on) and requests with
// neither Origin nor Sec-Fetch-Site (not from a browser; the same rule as Go's http.CrossOriginProtection).
import { SESSION_COOKIE } from '@alimflow/api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';

/**
 * Helmet's middleware, built once: @fastify/helmet called `helmet(options)` on every request, parsing the CSP
 * directives again each time (3 % of the API's CPU per records.create in the profile).
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  const applyHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Radix UI and the chart library set inline styles; scripts stay locked down.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // The SPA is served over plain HTTP on loopback by default; HSTS belongs on the TLS-terminating proxy.
    strictTransportSecurity: false,
  });
  app.addHook('onRequest', (req, reply, done) => applyHeaders(req.raw, reply.raw, (err) => done(err instanceof Error ? err : undefined)));
}

/** Why a cookie-authenticated mutation is refused, or null when it may proceed. */
export function crossOriginReason(req: Pick<FastifyRequest, 'method' | 'headers' | 'host'>, hasSessionCookie: boolean): string | null {
  if (req.method !== 'POST' || !hasSessionCookie) return null;
  if (/^Bearer\s+\S+$/i.test(req.headers.authorization ?? '')) return null;
  const site = req.headers['sec-fetch-site'];
  if (site === 'same-origin') return null;
  const origin = req.headers.origin;
  if (origin) {
    if (URL.canParse(origin) && new URL(origin).host === req.host) return null;
    return `Origin ${origin} is not this site`;
  }
  if (site) return `Sec-Fetch-Site is ${String(site)}`;
  // Neither header: not a browser (every current browser sends Origin on a cross-origin POST), so no forgery.
  return null;
}

export function sameOriginMutationsHook(app: FastifyInstance): void {
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.url.startsWith('/trpc/')) return;
    const reason = crossOriginReason(req, req.cookies[SESSION_COOKIE] !== undefined);
    if (reason) {
      req.log.warn({ reason }, 'cross-origin cookie mutation refused');
      await reply.code(403).send({
        error: {
          message: 'Requests signed in with the session cookie must come from this site (use an API token for other clients).',
          code: -32003,
          data: { code: 'FORBIDDEN', httpStatus: 403 },
        },
      });
    }
  });
}
