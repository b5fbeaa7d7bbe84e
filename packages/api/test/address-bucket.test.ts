// The limiter's per-address bucket: an IPv6 /64 is one client, an IPv4-mapped IPv6 address is its IPv4 address.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressBucket } from '../src/auth/address-bucket.ts';

const hextet = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
const ipv4 = fc.tuple(...Array.from({ length: 4 }, () => fc.integer({ min: 0, max: 255 }))).map((p) => p.join('.'));

describe('addressBucket', () => {
  it('groups every address of one IPv6 /64 into one bucket, whatever the spelling', () => {
    expect(addressBucket('2001:db8:abcd:12::1')).toBe('2001:db8:abcd:12::/64');
    expect(addressBucket('2001:0db8:abcd:0012:ffff:ffff:ffff:ffff')).toBe('2001:db8:abcd:12::/64');
    expect(addressBucket('2001:DB8:ABCD:12:0:0:0:0')).toBe('2001:db8:abcd:12::/64');
    expect(addressBucket('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('gives neighbouring /64s their own buckets', () => {
    expect(addressBucket('2001:db8:abcd:12::1')).not.toBe(addressBucket('2001:db8:abcd:13::1'));
  });

  it('counts an IPv4-mapped IPv6 address as the IPv4 address', () => {
    expect(addressBucket('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressBucket('::ffff:cb00:7107')).toBe('203.0.113.7');
    expect(addressBucket('203.0.113.7')).toBe('203.0.113.7');
  });

  it('keeps every IPv4 address in a bucket of its own', () => {
    fc.assert(
      fc.property(ipv4, ipv4, (a, b) => {
        expect(addressBucket(a)).toBe(a);
        expect(addressBucket(`::ffff:${a}`)).toBe(a);
        if (a !== b) expect(addressBucket(a)).not.toBe(addressBucket(b));
      }),
    );
  });

  it('maps any two IPv6 addresses to the same bucket exactly when their first 64 bits agree', () => {
    const v6 = fc.array(hextet, { minLength: 8, maxLength: 8 });
    fc.assert(
      fc.property(v6, v6, (a, b) => {
        // Keep off ::ffff:0:0/96, which is IPv4.
        fc.pre(a.slice(0, 6).join(':') !== '0:0:0:0:0:ffff' && b.slice(0, 6).join(':') !== '0:0:0:0:0:ffff');
        const same = a.slice(0, 4).every((h, i) => parseInt(h, 16) === parseInt(b[i]!, 16));
        expect(addressBucket(a.join(':')) === addressBucket(b.join(':'))).toBe(same);
        expect(addressBucket([...a.slice(0, 4), ...b.slice(4)].join(':'))).toBe(addressBucket(a.join(':')));
      }),
    );
  });

  it('passes anything that is not an IP address through unchanged (e.g. a unix socket peer)', () => {
    expect(addressBucket('unknown')).toBe('unknown');
    expect(addressBucket('')).toBe('');
  });
});
