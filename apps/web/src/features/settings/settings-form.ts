// The NHN settings form ↔ settings.update. Keys are write-only: the app key comes back masked and the secret key not
// at all, so an empty key field means "keep what is saved" and only a typed value is sent.

export type Provider = 'nhn' | 'sandbox';
export type CredentialKey = 'appKey' | 'secretKey' | 'senderKey';

export interface CurrentSettings {
  provider: Provider;
  baseUrl: string | null;
  appKey: string | null;
  senderKey: string | null;
  hasSecretKey: boolean;
}

export interface SettingsFormValues {
  provider: Provider;
  baseUrl: string;
  appKey: string;
  secretKey: string;
  senderKey: string;
}

export interface SettingsUpdate {
  provider?: Provider;
  baseUrl?: string | null;
  appKey?: string;
  secretKey?: string;
  senderKey?: string | null;
}

export function settingsToForm(current: CurrentSettings): SettingsFormValues {
  return { provider: current.provider, baseUrl: current.baseUrl ?? '', appKey: '', secretKey: '', senderKey: current.senderKey ?? '' };
}

/** Only what changed: a new provider, an edited base URL or sender key ('' clears), keys only when typed. */
export function formToSettingsUpdate(values: SettingsFormValues, current: CurrentSettings): SettingsUpdate {
  const update: SettingsUpdate = {};
  if (values.provider !== current.provider) update.provider = values.provider;
  const baseUrl = values.baseUrl.trim();
  if (baseUrl !== (current.baseUrl ?? '')) update.baseUrl = baseUrl || null;
  const appKey = values.appKey.trim();
  if (appKey) update.appKey = appKey;
  const secretKey = values.secretKey.trim();
  if (secretKey) update.secretKey = secretKey;
  const senderKey = values.senderKey.trim();
  if (senderKey !== (current.senderKey ?? '')) update.senderKey = senderKey || null;
  return update;
}

/** What live sending would still lack after saving these values. */
export function missingForLive(values: SettingsFormValues, current: CurrentSettings): CredentialKey[] {
  const missing: CredentialKey[] = [];
  if (!values.appKey.trim() && !current.appKey) missing.push('appKey');
  if (!values.secretKey.trim() && !current.hasSecretKey) missing.push('secretKey');
  if (!values.senderKey.trim()) missing.push('senderKey');
  return missing;
}

/** The server's base-URL messages (settings.ts) → the key of the same sentence in the UI language, if known. */
export function knownServerMessage(message: string | undefined): 'nhn.errors.baseUrlHttps' | 'nhn.errors.baseUrlFormat' | null {
  if (!message) return null;
  if (message.startsWith('Base URL must use https')) return 'nhn.errors.baseUrlHttps';
  if (message.startsWith('Base URL must be a full URL')) return 'nhn.errors.baseUrlFormat';
  return null;
}
