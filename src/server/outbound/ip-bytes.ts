import { isIPv4, isIPv6 } from 'node:net';

/** The 4 bytes of a dotted IPv4 address. Only called on strings `isIPv4` accepted. */
function ipv4Bytes(address: string): number[] {
  return address.split('.').map(Number);
}

/**
 * The 16 bytes of an IPv6 address (zone index dropped), a trailing dotted quad included.
 * Only called on strings `isIPv6` accepted.
 */
function ipv6Bytes(address: string): number[] {
  const withoutZone = address.split('%')[0] ?? address;
  const [head = '', tail] = withoutZone.split('::') as [string, string | undefined];
  const groups = (part: string): number[] => {
    if (part === '') return [];
    return part.split(':').flatMap((group) => {
      if (group.includes('.')) {
        const [a = 0, b = 0, c = 0, d = 0] = ipv4Bytes(group);
        return [(a << 8) | b, (c << 8) | d];
      }
      return [Number.parseInt(group, 16)];
    });
  };
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const middle = new Array<number>(8 - left.length - right.length).fill(0);
  return [...left, ...middle, ...right].flatMap((group) => [group >> 8, group & 0xff]);
}

/** An IP literal as bytes (4 or 16), or undefined when it is not one. */
export function ipBytes(address: string): number[] | undefined {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (isIPv4(bare)) return ipv4Bytes(bare);
  if (isIPv6(bare)) return ipv6Bytes(bare);
  return undefined;
}
