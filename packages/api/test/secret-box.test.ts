// The secret box alone: AES-256-GCM round trips, keys are told apart by id, and anything it cannot open is an
// explained SecretUnreadableError rather than garbage or a crash.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createReloadingSecretBox, createSecretBox, generateSecretKey, keyIdOf, parseSecretKey, SecretUnreadableError } from '../src/security/secret-box.ts';

const ORG = '6f1c1f0e-9a35-4a57-8f3e-0d6c1b2a3c4d';
const OTHER_ORG = 'a2b7c9d1-0000-4000-8000-000000000001';

describe('secret box', () => {
  it('opens what it sealed, for any text, and never stores the text itself', () => {
    const box = createSecretBox([generateSecretKey()]);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 4 }), (plain) => {
        const sealed = box.seal(plain, ORG);
        expect(sealed).toMatch(new RegExp(`^v1:${box.currentKeyId}:[\\w-]+:[\\w-]+:[\\w-]*$`));
        expect(sealed).not.toContain(plain);
        expect(box.open(sealed, ORG)).toBe(plain);
        expect(box.isSealed(sealed) && box.isCurrent(sealed)).toBe(true);
      }),
    );
  });

  it('seals the same text differently each time (fresh IV)', () => {
    const box = createSecretBox([generateSecretKey()]);
    expect(box.seal('same', ORG)).not.toBe(box.seal('same', ORG));
  });

  it('refuses a value sealed under a key it does not hold, saying so', () => {
    const sealed = createSecretBox([generateSecretKey()]).seal('nhn-secret', ORG);
    expect(() => createSecretBox([generateSecretKey()]).open(sealed, ORG)).toThrow(/key this server does not have/);
  });

  it("refuses a tampered value and another org's ciphertext", () => {
    const box = createSecretBox([generateSecretKey()]);
    const sealed = box.seal('nhn-secret', ORG);
    const parts = sealed.split(':');
    const flipped = [...parts.slice(0, 4), (parts[4]![0] === 'A' ? 'B' : 'A') + parts[4]!.slice(1)].join(':');
    for (const [value, org] of [[flipped, ORG], [sealed, OTHER_ORG], ['v1:x', ORG], [`${parts.slice(0, 2).join(':')}:AA:AA:AA`, ORG]] as const) {
      expect(() => box.open(value, org)).toThrow(SecretUnreadableError);
    }
    expect(box.isSealed('plain-secret-from-before')).toBe(false);
  });

  it('opens values under every key of its ring and seals under the first', () => {
    const [oldKey, newKey] = [generateSecretKey(), generateSecretKey()];
    const sealedOld = createSecretBox([oldKey]).seal('s', ORG);
    const ring = createSecretBox([newKey, oldKey]);
    expect(ring.open(sealedOld, ORG)).toBe('s');
    expect(ring.isCurrent(sealedOld)).toBe(false);
    expect(ring.currentKeyId).toBe(keyIdOf(newKey));
  });

  it('a reloading box reads its keys again when it meets a key id it has not seen', () => {
    let keys = [generateSecretKey()];
    let clock = 0;
    const box = createReloadingSecretBox(() => keys, () => clock);
    const fresh = generateSecretKey();
    const sealedFresh = createSecretBox([fresh]).seal('rotated', ORG);
    keys = [fresh, ...keys];
    expect(() => box.open(sealedFresh, ORG)).toThrow(SecretUnreadableError); // within a second of the last load
    clock = 1500;
    expect(box.open(sealedFresh, ORG)).toBe('rotated');
    expect(box.currentKeyId).toBe(keyIdOf(fresh));
  });

  it('reads keys as 32 bytes of base64 and nothing else', () => {
    const key = generateSecretKey();
    expect(parseSecretKey(key.toString('base64'))).toEqual(key);
    expect(parseSecretKey(` ${key.toString('base64url')}\n`)).toEqual(key);
    for (const bad of ['', 'short', generateSecretKey().subarray(0, 16).toString('base64'), `${key.toString('base64')}AAAA`, 'ä'.repeat(44)]) {
      expect(parseSecretKey(bad)).toBeNull();
    }
  });
});
