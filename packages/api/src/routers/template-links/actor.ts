import type { LinkActor } from '../../services/link-admin.ts';
import type { OrgContext } from '../../trpc.ts';

/** The signed-in admin changing a link, in their org, at the request's time, in their language. */
export const actorOf = (ctx: OrgContext): LinkActor => ({ orgId: ctx.orgId, userId: ctx.auth.user.id, now: ctx.now(), language: ctx.req.language ?? 'ko' });
