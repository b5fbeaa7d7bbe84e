// Team members and invitations. An invitation is a one-time link (only its hash is stored) that expires; the
// invitee sets their own name and password. An org always keeps at least one admin.
import type { Db, UserRole } from '@alimflow/db';
import { hashPassword } from '../auth/password.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import { DomainError } from '../errors.ts';
import { iso } from '../lib/dates.ts';
import { conflict, invalid as badRequest, notFound } from '../errors.ts';
import type { Tx } from './jobs.ts';

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
  if (existing) throw conflict(`${input.email} already has an account${existing.orgId === input.orgId ? ' in this team' : ''}.`);
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
  if (result.count === 0) throw notFound('Pending invitation');
  return { ok: true as const };
}

const invalidLink = () => new DomainError('not_found', 'This invitation link is not valid. Ask your admin for a new one.');

async function usableInvitation(db: Db | Tx, token: string, now: Date) {
  const row = await db.invitation.findUnique({ where: { tokenHash: hashToken(token) }, include: { org: { select: { name: true } } } });
  if (!row || row.revokedAt) throw invalidLink();
  if (row.acceptedAt) throw conflict('This invitation has already been used. Sign in instead.');
  if (row.expiresAt <= now) throw badRequest('This invitation link has expired. Ask your admin for a new one.');
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
    if (used.count === 0) throw conflict('This invitation has already been used. Sign in instead.');
    if (await tx.user.findUnique({ where: { email: row.email }, select: { id: true } })) {
      throw conflict(`${row.email} already has an account. Sign in instead.`);
    }
    return tx.user.create({
      data: { orgId: row.orgId, email: row.email, name: input.name, passwordHash, role: row.role },
      select: { id: true, orgId: true, email: true, name: true, role: true },
    });
  });
}

async function assertKeepsAnAdmin(tx: Tx, orgId: string, userId: string) {
  const admins = await tx.user.count({ where: { orgId, role: 'admin', id: { not: userId } } });
  if (admins === 0) throw badRequest('A team needs at least one admin. Make someone else an admin first.');
}

async function loadMember(tx: Tx, orgId: string, userId: string) {
  const user = await tx.user.findFirst({ where: { id: userId, orgId } });
  if (!user) throw notFound('User');
  return user;
}

/** Role changes take effect on the member's next request: every procedure reads the role from the database. */
export async function setRole(db: Db, orgId: string, userId: string, role: UserRole) {
  return db.$transaction(async (tx) => {
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
  if (userId === actingUserId) throw badRequest('You cannot remove yourself. Ask another admin.');
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`team:${orgId}`}, 0))`;
    const user = await loadMember(tx, orgId, userId);
    if (user.role === 'admin') await assertKeepsAnAdmin(tx, orgId, userId);
    await tx.user.delete({ where: { id: user.id } });
    return { ok: true as const };
  });
}
