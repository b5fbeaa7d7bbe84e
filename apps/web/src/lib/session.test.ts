import { describe, expect, it } from 'vitest';
import { isSafeNext, loginPath } from './session';

describe('loginPath', () => {
  it('remembers where the person was going, query string included', () => {
    expect(loginPath('/automations')).toBe('/login?next=%2Fautomations');
    expect(loginPath('/logs?status=failed&page=2')).toBe('/login?next=%2Flogs%3Fstatus%3Dfailed%26page%3D2');
  });

  it('leaves out the obvious and the unsafe', () => {
    expect(loginPath('/')).toBe('/login');
    expect(loginPath(undefined)).toBe('/login');
    expect(loginPath('//evil.example/x')).toBe('/login');
  });
});

describe('isSafeNext', () => {
  it('accepts only paths inside this app', () => {
    expect(isSafeNext('/records')).toBe(true);
    expect(isSafeNext('/records?partition=1#top')).toBe(true);
    expect(isSafeNext('https://evil.example')).toBe(false);
    expect(isSafeNext('//evil.example')).toBe(false);
    expect(isSafeNext('/\\evil.example')).toBe(false);
    expect(isSafeNext('javascript:alert(1)')).toBe(false);
    expect(isSafeNext('/login?next=/x')).toBe(false);
    expect(isSafeNext('')).toBe(false);
    expect(isSafeNext(null)).toBe(false);
  });
});
