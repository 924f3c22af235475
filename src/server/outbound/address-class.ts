/**
 * Which addresses an outbound request that a caller chose must never reach: this host, the private
 * network, link-local metadata services (169.254.169.254), multicast and the unspecified address —
 * and the IPv6 forms that embed an IPv4 address (mapped, NAT64, 6to4), so `::ffff:127.0.0.1` is loopback too.
 */
import { ipBytes } from './ip-bytes.js';

interface Range {
  bytes: number[];
  bits: number;
  name: string;
}

const range = (prefix: string, bits: number, name: string): Range => ({ bytes: ipBytes(prefix) ?? [], bits, name });

const ipv4Ranges: Range[] = [
  range('0.0.0.0', 8, 'unspecified'),
  range('10.0.0.0', 8, 'private'),
  range('100.64.0.0', 10, 'private (carrier-grade NAT)'),
  range('127.0.0.0', 8, 'loopback'),
  range('169.254.0.0', 16, 'link-local'),
  range('172.16.0.0', 12, 'private'),
  range('192.0.0.0', 24, 'reserved'),
  range('192.0.2.0', 24, 'reserved'),
  range('192.168.0.0', 16, 'private'),
  range('198.18.0.0', 15, 'reserved'),
  range('198.51.100.0', 24, 'reserved'),
  range('203.0.113.0', 24, 'reserved'),
  range('224.0.0.0', 4, 'multicast'),
  range('240.0.0.0', 4, 'reserved'),
];

const ipv6Ranges: Range[] = [
  range('::', 128, 'unspecified'),
  range('::1', 128, 'loopback'),
  range('100::', 64, 'reserved'),
  range('2001:db8::', 32, 'reserved'),
  range('fc00::', 7, 'unique-local'),
  range('fe80::', 10, 'link-local'),
  range('fec0::', 10, 'site-local'),
  range('ff00::', 8, 'multicast'),
];

/** Whether `bytes` starts with the first `bits` bits of `prefix` (same length). */
export function inPrefix(bytes: readonly number[], prefix: readonly number[], bits: number): boolean {
  if (bytes.length !== prefix.length) return false;
  for (let bit = 0; bit < bits; bit += 8) {
    const mask = bits - bit >= 8 ? 0xff : (0xff << (8 - (bits - bit))) & 0xff;
    const index = bit / 8;
    if (((bytes[index] ?? 0) & mask) !== ((prefix[index] ?? 0) & mask)) return false;
  }
  return true;
}

/** The IPv4 address an IPv6 one carries: mapped (::ffff:a.b.c.d), compatible (::a.b.c.d), NAT64 (64:ff9b::/96), 6to4 (2002::/16). */
function embeddedIpv4(bytes: readonly number[]): number[] | undefined {
  const zeros = bytes.slice(0, 10).every((byte) => byte === 0);
  if (zeros && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12);
  if (zeros && bytes[10] === 0 && bytes[11] === 0) return bytes.slice(12);
  if (inPrefix(bytes, ipBytes('64:ff9b::') ?? [], 96)) return bytes.slice(12);
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return bytes.slice(2, 6);
  return undefined;
}

/**
 * Why `address` (an IP literal) is off limits — `loopback`, `private`, `link-local`… — or undefined when it is a
 * public address. Anything that is not an IP literal is refused as `not an IP address` (fail closed).
 */
export function blockedAddressClass(address: string): string | undefined {
  const bytes = ipBytes(address);
  if (bytes === undefined) return 'not an IP address';
  if (bytes.length === 4) return ipv4Ranges.find((entry) => inPrefix(bytes, entry.bytes, entry.bits))?.name;
  // `::` and `::1` first: they have the shape of an embedded IPv4 address too.
  const own = ipv6Ranges.find((entry) => inPrefix(bytes, entry.bytes, entry.bits))?.name;
  if (own !== undefined) return own;
  const embedded = embeddedIpv4(bytes);
  return embedded === undefined
    ? undefined
    : ipv4Ranges.find((entry) => inPrefix(embedded, entry.bytes, entry.bits))?.name;
}
