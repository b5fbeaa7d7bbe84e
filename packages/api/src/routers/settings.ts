// AlimTalk provider settings per org: the input shapes here, the reading, checking and sealing in
// services/settings.ts (the secret key is write-only).
import { z } from 'zod';
import { getSettings, updateSettings } from '../services/settings.ts';
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

export const settingsRouter = router({
  get: orgProcedure.query(({ ctx }) => getSettings(ctx)),

  update: adminProcedure.input(settingsUpdateInput).mutation(({ ctx, input }) => updateSettings(ctx, input)),
});
