// AlimTalk provider settings per org. The secret key is write-only: nothing here ever returns it, only whether one
// is stored and whether it still decrypts. It is stored sealed by the secret box.
import { NHN_DEFAULT_BASE_URL } from '@alimflow/alimtalk';
import type { AlimtalkSettings } from '@alimflow/db';
import type { AppDeps } from '../deps.ts';
import { invalid as badRequest } from '../errors.ts';
import { iso } from '../lib/dates.ts';
import type { SecretBox } from '../security/secret-box.ts';
import { readStoredSecret } from './stored-secrets.ts';

type Deps = Pick<AppDeps, 'db' | 'logger' | 'secretBox'>;

/** '' or null clears a stored value; an omitted key keeps it. */
export interface SettingsPatch {
  provider?: 'nhn' | 'sandbox' | undefined;
  baseUrl?: string | null | undefined;
  appKey?: string | null | undefined;
  senderKey?: string | null | undefined;
  secretKey?: string | null | undefined;
}

/** Shows enough of the app key to recognise it: the last 4 characters. */
export function maskKey(value: string | null): string | null {
  if (!value) return null;
  if (value.length <= 4) return '*'.repeat(value.length);
  return `${'*'.repeat(Math.min(value.length - 4, 12))}${value.slice(-4)}`;
}

type StoredSettings = Pick<AlimtalkSettings, 'provider' | 'baseUrl' | 'appKey' | 'secretKey' | 'senderKey'> & {
  updatedAt: Date | null;
};

/** A stored secret that no longer decrypts counts as missing: sends cannot use it. */
function missingNhnCredentials(s: Pick<StoredSettings, 'appKey' | 'senderKey'>, secretUsable: boolean): string[] {
  const missing: string[] = [];
  if (!s.appKey) missing.push('appKey');
  if (!secretUsable) missing.push('secretKey');
  if (!s.senderKey) missing.push('senderKey');
  return missing;
}

function secretStatus(box: SecretBox, orgId: string, s: StoredSettings) {
  return readStoredSecret(box, orgId, s.secretKey).status;
}

function toOutput(s: StoredSettings, secret: 'missing' | 'ok' | 'unreadable') {
  const missing = missingNhnCredentials(s, secret === 'ok');
  return {
    provider: s.provider,
    /** What sends go through right now: the org's NHN account, or the loopback fake. */
    mode: s.provider === 'nhn' ? ('nhn' as const) : ('sandbox' as const),
    baseUrl: s.baseUrl,
    defaultBaseUrl: NHN_DEFAULT_BASE_URL,
    appKey: maskKey(s.appKey),
    senderKey: s.senderKey,
    hasSecretKey: Boolean(s.secretKey),
    /** Stored, but encrypted under a key this server does not have: the admin must enter it again. */
    secretKeyUnreadable: secret === 'unreadable',
    nhnCredentialsComplete: missing.length === 0,
    missingNhnCredentials: missing,
    updatedAt: s.updatedAt ? iso(s.updatedAt) : null,
  };
}

const DEFAULTS: StoredSettings = {
  provider: 'sandbox',
  baseUrl: null,
  appKey: null,
  secretKey: null,
  senderKey: null,
  updatedAt: null,
};

const emptyToNull = (value: string | null | undefined): string | null | undefined =>
  value === undefined ? undefined : value === null || value === '' ? null : value;

const sealed = (box: SecretBox, orgId: string, value: string | null | undefined) =>
  value ? box.seal(value, orgId) : value;

export async function getSettings(ctx: Pick<Deps, 'db' | 'secretBox'> & { orgId: string }) {
  const row = await ctx.db.alimtalkSettings.findUnique({ where: { orgId: ctx.orgId } });
  const settings = row ?? DEFAULTS;
  return toOutput(settings, secretStatus(ctx.secretBox, ctx.orgId, settings));
}

export async function updateSettings(ctx: Deps & { orgId: string; auth: { user: { id: string } } }, input: SettingsPatch) {
  const patch = {
    provider: input.provider,
    baseUrl: emptyToNull(input.baseUrl),
    appKey: emptyToNull(input.appKey),
    senderKey: emptyToNull(input.senderKey),
    secretKey: sealed(ctx.secretBox, ctx.orgId, emptyToNull(input.secretKey)),
  };
  const data = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));

  return ctx.db.$transaction(async (tx) => {
    const current = (await tx.alimtalkSettings.findUnique({ where: { orgId: ctx.orgId } })) ?? DEFAULTS;
    const next = { ...current, ...data } as StoredSettings;
    const secret = secretStatus(ctx.secretBox, ctx.orgId, next);
    if (next.provider === 'nhn') {
      const missing = missingNhnCredentials(next, secret === 'ok');
      if (missing.length > 0) {
        throw badRequest(`Sending through NHN needs ${missing.join(', ')}. Enter ${missing.length > 1 ? 'them' : 'it'} first, or stay in sandbox mode.`);
      }
    }
    const row = await tx.alimtalkSettings.upsert({
      where: { orgId: ctx.orgId },
      create: { orgId: ctx.orgId, ...data },
      update: data,
    });
    ctx.logger.info(
      { orgId: ctx.orgId, userId: ctx.auth.user.id, changed: Object.keys(data) },
      'alimtalk settings updated',
    );
    return toOutput(row, secret);
  });
}
