import { describe, expect, it } from 'vitest';
import { formToSettingsUpdate, knownServerMessage, missingForLive, settingsToForm, type CurrentSettings } from './settings-form';

const SANDBOX: CurrentSettings = { provider: 'sandbox', baseUrl: null, appKey: null, senderKey: 'sandbox-sender', hasSecretKey: false };
const LIVE: CurrentSettings = { provider: 'nhn', baseUrl: 'https://api-alimtalk.cloud.toast.com', appKey: '********abcd', senderKey: 'sender-1', hasSecretKey: true };

describe('settings form', () => {
  it('starts from what is saved, keys empty (they are write-only)', () => {
    expect(settingsToForm(LIVE)).toEqual({ provider: 'nhn', baseUrl: 'https://api-alimtalk.cloud.toast.com', appKey: '', secretKey: '', senderKey: 'sender-1' });
  });

  it('sends nothing when nothing changed, and never clears a key left empty', () => {
    expect(formToSettingsUpdate(settingsToForm(LIVE), LIVE)).toEqual({});
    expect(formToSettingsUpdate({ ...settingsToForm(LIVE), appKey: '  ', secretKey: '' }, LIVE)).toEqual({});
  });

  it('sends typed keys, edited fields, and clears an emptied base URL or sender key', () => {
    expect(
      formToSettingsUpdate({ provider: 'nhn', baseUrl: ' https://example.com ', appKey: 'app', secretKey: 'secret', senderKey: 'new-sender' }, SANDBOX),
    ).toEqual({ provider: 'nhn', baseUrl: 'https://example.com', appKey: 'app', secretKey: 'secret', senderKey: 'new-sender' });
    expect(formToSettingsUpdate({ ...settingsToForm(LIVE), baseUrl: '', senderKey: '' }, LIVE)).toEqual({ baseUrl: null, senderKey: null });
    expect(formToSettingsUpdate({ ...settingsToForm(LIVE), provider: 'sandbox' }, LIVE)).toEqual({ provider: 'sandbox' });
  });

  it('knows what live sending still lacks', () => {
    expect(missingForLive(settingsToForm(SANDBOX), SANDBOX)).toEqual(['appKey', 'secretKey']);
    expect(missingForLive({ ...settingsToForm(SANDBOX), appKey: 'a', secretKey: 's' }, SANDBOX)).toEqual([]);
    expect(missingForLive({ ...settingsToForm(LIVE), senderKey: '' }, LIVE)).toEqual(['senderKey']);
  });
});

describe('server messages', () => {
  it('recognises the base URL messages it can say in Korean', () => {
    expect(knownServerMessage('Base URL must use https (plain http is allowed only for localhost).')).toBe('nhn.errors.baseUrlHttps');
    expect(knownServerMessage('Base URL must be a full URL such as https://api-alimtalk.cloud.toast.com.')).toBe('nhn.errors.baseUrlFormat');
    expect(knownServerMessage('Something else')).toBeNull();
    expect(knownServerMessage(undefined)).toBeNull();
  });
});
