// Which limiter bucket a client address counts against. One IPv6 subscriber is routinely handed a whole /64
// (2^64 addresses), so counting per IPv6 address would give an attacker unlimited fresh buckets: every address
// in one /64 shares a bucket. An IPv4 address seen through a dual-stack socket (`::ffff:203.0.113.7`) is the
// same client as `203.0.113.7` and counts as it.
import ipaddr from 'ipaddr.js';

export function addressBucket(address: string): string {
  const raw = address.trim();
  // A zone id (`fe80::1%eth0`) names the local interface, not the client.
  const bare = raw.includes('%') ? raw.slice(0, raw.indexOf('%')) : raw;
  if (!ipaddr.isValid(bare)) return raw;
  // process() turns an IPv4-mapped IPv6 address into its IPv4 address.
  const parsed = ipaddr.process(bare);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const prefix = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${prefix.join(':')}::/64`;
}
