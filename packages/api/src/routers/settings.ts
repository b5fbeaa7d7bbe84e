// AlimTalk provider settings per org. The secret key is write-only: no procedure ever returns it, only whether
// one is stored and whether it still decrypts. It is stored sealed by the secret box.
import { NHN_DEFAULT_BASE_URL } from '@alimflow/alimtalk';
import type { AlimtalkSettings } from '@alimflow/db';
import { z } from 'zod';
import type { SecretBox } from '../security/secret-box.ts';
import { readStoredSecret } from '../services/stored-secrets.ts';
import { iso } from './lib/dates.ts';
import { badRequest } from './lib/procedures.ts';
import { adminProcedure, orgProcedure, router } from '../trpc.ts';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname) || hostname.endsWith('.localhost');
}

// The app key and secret travel in every request, so a non-loopback endpoint must be https.
const baseUrlInput = z
  .string()
  .trim()
  .max(500)
  .superRefine((value, ctx) => {
    if (value === '') return;
    if (!URL.canParse(value)) {
      ctx.addIssue({ code: 'custom', message: 'Base URL must be a full URL such as https://api-alimtalk.cloud.toast.com.' });
      return;
    }
    const url = new URL(value);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
      ctx.addIssue({ code: 'custom', message: 'Base URL must use https (plain http is allowed only for localhost).' });
    }
  });

/** '' or null clears a stored value; an omitted key keeps it. */
const clearable = (schema: z.ZodType<string>) => schema.nullable().optional();

export const settingsUpdateInput = z.object({
  provider: z.enum(['nhn', 'sandbox'], { error: 'Provider must be "nhn" or "sandbox".' }).optional(),
  baseUrl: clearable(baseUrlInput),
  appKey: clearable(z.string().trim().max(200, 'App key is too long.')),
  senderKey: clearable(z.string().trim().max(200, 'Sender key is too long.')),
  secretKey: clearable(z.string().trim().max(500, 'Secret key is too long.')),
});

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

export const settingsRouter = router({
  get: orgProcedure.query(async ({ ctx }) => {
    const row = await ctx.db.alimtalkSettings.findUnique({ where: { orgId: ctx.orgId } });
    const settings = row ?? DEFAULTS;
    return toOutput(settings, secretStatus(ctx.secretBox, ctx.orgId, settings));
  }),

  update: adminProcedure.input(settingsUpdateInput).mutation(async ({ ctx, input }) => {
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
  }),
});
