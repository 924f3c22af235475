import { isIP } from 'node:net';
import { PodiumError } from '../../contract/index.js';
import { inPrefix } from './address-class.js';
import { ipBytes } from './ip-bytes.js';

/** What the operator lets outbound requests reach although it is private: host names, addresses and CIDR ranges. */
export interface OutboundAllowList {
  /** A host name listed as is (case-insensitive): its addresses are not checked. */
  allowsHost(hostname: string): boolean;
  /** An address inside a listed address or range. */
  allowsAddress(address: string): boolean;
}

const hostname = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,62}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,62}[a-z0-9_])?)*\.?$/i;

/**
 * Parses `outbound.allow`: `hooks.internal`, `127.0.0.1`, `10.0.0.0/8`, `::1`, `fd00::/8`.
 * @throws PodiumError `config_invalid` naming the entry that is none of these.
 */
export function parseOutboundAllowList(entries: readonly string[]): OutboundAllowList {
  const hosts = new Set<string>();
  const ranges: { bytes: number[]; bits: number }[] = [];
  for (const [index, entry] of entries.entries()) {
    const [address = '', bitsText] = entry.trim().split('/');
    const bytes = ipBytes(address);
    if (bytes !== undefined) {
      const bits = bitsText === undefined ? bytes.length * 8 : Number(bitsText);
      if (!Number.isInteger(bits) || bits < 0 || bits > bytes.length * 8 || !/^\d*$/.test(bitsText ?? '')) {
        throw new PodiumError('config_invalid', `outbound.allow.${index}: "${entry}" has an invalid prefix length`);
      }
      ranges.push({ bytes, bits });
    } else if (bitsText === undefined && hostname.test(address)) hosts.add(address.toLowerCase().replace(/\.$/, ''));
    else
      throw new PodiumError(
        'config_invalid',
        `outbound.allow.${index}: "${entry}" is not a host name, an IP address or a CIDR range`,
      );
  }
  return {
    allowsHost: (name) => isIP(name) === 0 && hosts.has(name.toLowerCase().replace(/\.$/, '')),
    allowsAddress(address) {
      const bytes = ipBytes(address);
      return bytes !== undefined && ranges.some((range) => inPrefix(bytes, range.bytes, range.bits));
    },
  };
}
