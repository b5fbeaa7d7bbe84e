// Team members and invitations. An invitation is a one-time link (only its hash is stored) that expires; the
// invitee sets their own name and password. An org always keeps at least one admin.
import type { Db, UserRole } from '@alimflow/db';
import { hashPassword } from '../auth/password.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import { iso } from '../lib/dates.ts';
import { conflict, DomainError, invalid as badRequest, notFound, NOUN, words } from '../errors.ts';
import type { Tx } from './jobs.ts';
import { forgetSignIns } from '../auth/session-lookup.ts';

export const INVITATION_DAYS = 7;

export function invitationPath(token: string): string {
  return `/invite/${token}`;
}

export async function listUsers(db: Db, orgId: string) {
  const users = await db.user.findMany({
    where: { orgId },
    select: { id: true, email: true, name: true, role: true, createdAt: true },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return users.map((u) => ({ ...u, createdAt: iso(u.createdAt) }));
}

export async function listInvitations(db: Db, orgId: string, now: Date) {
  const rows = await db.invitation.findMany({
    where: { orgId, acceptedAt: null, revokedAt: null },
    include: { invitedBy: { select: { name: true } } },
    orderBy: { createdAt: 'desc' },
  });
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    invitedBy: r.invitedBy?.name ?? null,
    expiresAt: iso(r.expiresAt),
    expired: r.expiresAt <= now,
    createdAt: iso(r.createdAt),
  }));
}

/** A new invitation for `email`; an earlier pending one for the same address stops working. */
export async function createInvitation(
  db: Db | Tx,
  input: { orgId: string; email: string; role: UserRole; invitedById: string | null; now: Date },
) {
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { orgId: true } });
  if (existing) throw conflict(
      existing.orgId === input.orgId
        ? words(`${input.email}은(는) 이미 이 팀의 계정입니다.`, `${input.email} already has an account in this team.`)
        : words(`${input.email}은(는) 이미 계정이 있습니다.`, `${input.email} already has an account.`),
    );
  await db.invitation.updateMany({
    where: { orgId: input.orgId, email: input.email, acceptedAt: null, revokedAt: null },
    data: { revokedAt: input.now },
  });
  const { token, hash } = newToken('inv');
  const expiresAt = new Date(input.now.getTime() + INVITATION_DAYS * 86_400_000);
  const row = await db.invitation.create({
    data: { orgId: input.orgId, email: input.email, role: input.role, tokenHash: hash, expiresAt, invitedById: input.invitedById, createdAt: input.now },
  });
  return { id: row.id, email: row.email, role: row.role, expiresAt: iso(expiresAt), token, path: invitationPath(token) };
}

export async function revokeInvitation(db: Db, orgId: string, id: string, now: Date) {
  const result = await db.invitation.updateMany({ where: { id, orgId, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } });
  if (result.count === 0) throw notFound(NOUN.invitation);
  return { ok: true as const };
}

const invalidLink = () => new DomainError('not_found', words('올바른 초대 링크가 아닙니다. 관리자에게 새 링크를 요청하세요.', 'This invitation link is not valid. Ask your admin for a new one.'));

async function usableInvitation(db: Db | Tx, token: string, now: Date) {
  const row = await db.invitation.findUnique({ where: { tokenHash: hashToken(token) }, include: { org: { select: { name: true } } } });
  if (!row || row.revokedAt) throw invalidLink();
  if (row.acceptedAt) throw conflict(words('이미 사용된 초대 링크입니다. 로그인하세요.', 'This invitation has already been used. Sign in instead.'));
  if (row.expiresAt <= now) throw badRequest(words('초대 링크가 만료되었습니다. 관리자에게 새 링크를 요청하세요.', 'This invitation link has expired. Ask your admin for a new one.'));
  return row;
}

/** What the public invitation page shows before the invitee chooses a password. */
export async function describeInvitation(db: Db, token: string, now: Date) {
  const row = await usableInvitation(db, token, now);
  return { email: row.email, role: row.role, orgName: row.org.name, expiresAt: iso(row.expiresAt) };
}

/** Creates the user and uses up the invitation, in one transaction: a link can never make two accounts. */
export async function acceptInvitation(db: Db, input: { token: string; name: string; password: string; now: Date }) {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const row = await usableInvitation(tx, input.token, input.now);
    const used = await tx.invitation.updateMany({ where: { id: row.id, acceptedAt: null }, data: { acceptedAt: input.now } });
    if (used.count === 0) throw conflict(words('이미 사용된 초대 링크입니다. 로그인하세요.', 'This invitation has already been used. Sign in instead.'));
    if (await tx.user.findUnique({ where: { email: row.email }, select: { id: true } })) {
      throw conflict(words(`${row.email}은(는) 이미 계정이 있습니다. 로그인하세요.`, `${row.email} already has an account. Sign in instead.`));
    }
    return tx.user.create({
      data: { orgId: row.orgId, email: row.email, name: input.name, passwordHash, role: row.role },
      select: { id: true, orgId: true, email: true, name: true, role: true },
    });
  });
}

async function assertKeepsAnAdmin(tx: Tx, orgId: string, userId: string) {
  const admins = await tx.user.count({ where: { orgId, role: 'admin', id: { not: userId } } });
  if (admins === 0) throw badRequest(words('팀에는 관리자가 한 명 이상 있어야 합니다. 먼저 다른 사람을 관리자로 지정하세요.', 'A team needs at least one admin. Make someone else an admin first.'));
}

async function loadMember(tx: Tx, orgId: string, userId: string) {
  const user = await tx.user.findFirst({ where: { id: userId, orgId } });
  if (!user) throw notFound(NOUN.user);
  return user;
}

/** A change to who may sign in as what, then this process's remembered sign-ins forgotten (session-lookup.ts). */
async function afterCommit<T>(db: Db, change: (tx: Tx) => Promise<T>): Promise<T> {
  const result = await db.$transaction(change);
  forgetSignIns(db);
  return result;
}

/**
 * Role changes take effect on the member's next request in this process (every procedure reads the role from the
 * database, or from this process's lookups of the last AUTH_REMEMBER_MS, forgotten here), within a second in others.
 */
export async function setRole(db: Db, orgId: string, userId: string, role: UserRole) {
  return afterCommit(db, async (tx) => {
    // Serialises role changes per org so two admins demoting each other cannot leave none.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`team:${orgId}`}, 0))`;
    const user = await loadMember(tx, orgId, userId);
    if (user.role === 'admin' && role !== 'admin') await assertKeepsAnAdmin(tx, orgId, userId);
    const updated = await tx.user.update({ where: { id: user.id }, data: { role }, select: { id: true, email: true, name: true, role: true } });
    return updated;
  });
}

/** Removes the user, their sessions and API tokens; rules they made stay (their author is cleared). */
export async function removeUser(db: Db, orgId: string, userId: string, actingUserId: string) {
  if (userId === actingUserId) throw badRequest(words('자기 자신은 내보낼 수 없습니다. 다른 관리자에게 요청하세요.', 'You cannot remove yourself. Ask another admin.'));
  return afterCommit(db, async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`team:${orgId}`}, 0))`;
    const user = await loadMember(tx, orgId, userId);
    if (user.role === 'admin') await assertKeepsAnAdmin(tx, orgId, userId);
    await tx.user.delete({ where: { id: user.id } });
    return { ok: true as const };
  });
}
