/**
 * The one way Podium sends a request to a URL someone else chose (decision callbacks) or configured (alert,
 * approval and checkpoint webhooks): http or https only; the host resolved and every address checked against
 * private, loopback, link-local, unique-local, multicast and unspecified ranges unless the operator's allow-list
 * names it; the connection pinned to the addresses checked, so a DNS answer that changes between check and
 * connect (rebinding) cannot redirect it; no redirects followed; a bounded wait and a bounded answer.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { Agent, request } from 'undici';
import { PodiumError } from '../../contract/index.js';
import { blockedAddressClass } from './address-class.js';
import { parseOutboundAllowList } from './outbound-allow-list.js';

/** A resolved address of a host name. */
export interface ResolvedAddress {
  address: string;
  family: number;
}

export interface OutboundGuardOptions {
  /** `outbound.allow`: host names, addresses and CIDR ranges the operator lets requests reach although private. */
  allow: readonly string[];
  /** Resolves a host name to every address (default: the system resolver); tests pass a fake one. */
  resolve?: ((hostname: string) => Promise<ResolvedAddress[]>) | undefined;
  /** Longest wait for a whole exchange. Default 10 s. */
  timeoutMs?: number | undefined;
  /** Most bytes of an answer read; the rest is discarded. Default 64 KiB: webhook answers are not ours to read. */
  maxResponseBytes?: number | undefined;
}

export interface OutboundGuard {
  /**
   * Refuses a URL that may not be called, naming `param` (`callbackUrl`) and never an address.
   * @throws PodiumError `invalid_request`.
   */
  check(url: string, param: string): Promise<void>;
  /** A `fetch` for the webhook senders: checks again, then connects only to the addresses checked. */
  fetch: typeof fetch;
}

const maxUrlLength = 2048;
const nullBodyStatuses = new Set([101, 103, 204, 205, 304]);

const systemResolve = async (hostname: string): Promise<ResolvedAddress[]> =>
  dnsLookup(hostname, { all: true, verbatim: true });

/** A `lookup` for net.connect that answers with the checked addresses only, whatever DNS says now. */
function pinnedLookup(addresses: readonly ResolvedAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const first = addresses[0];
    if (first === undefined) return callback(new Error('no checked address to connect to'), '', 0);
    // With autoSelectFamily (Node's default), net.connect asks for every address at once.
    if ((options as { all?: boolean }).all === true)
      return (callback as unknown as (error: null, all: ResolvedAddress[]) => void)(null, [...addresses]);
    callback(null, first.address, first.family);
  };
}

/** Creates the guard of one server, over its configured allow-list. @throws PodiumError `config_invalid` for a bad entry. */
export function createOutboundGuard(options: OutboundGuardOptions): OutboundGuard {
  const allow = parseOutboundAllowList(options.allow);
  const resolve = options.resolve ?? systemResolve;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxResponseBytes = options.maxResponseBytes ?? 64 * 1024;

  /** The addresses to connect to (undefined: an allowed host name, connect as DNS says), or why not. */
  async function permitted(
    url: string,
    param: string,
  ): Promise<{ target: URL; addresses: ResolvedAddress[] | undefined }> {
    const refuse = (why: string) => new PodiumError('invalid_request', `${param}: ${why}`, { param });
    if (url.length > maxUrlLength || !URL.canParse(url))
      throw refuse(`must be an absolute URL of at most ${maxUrlLength} characters`);
    // WHATWG parsing normalises 0x7f000001, 2130706433 and 0177.0.0.1 to 127.0.0.1 before anything is checked.
    const target = new URL(url);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') throw refuse('must be an http or https URL');
    const host = target.hostname.startsWith('[') ? target.hostname.slice(1, -1) : target.hostname;
    if (allow.allowsHost(host)) return { target, addresses: undefined };
    const addresses = isIP(host) === 0 ? await resolve(host).catch(() => []) : [{ address: host, family: isIP(host) }];
    if (addresses.length === 0) throw refuse('its host does not resolve');
    for (const { address } of addresses) {
      const blocked = blockedAddressClass(address);
      if (blocked !== undefined && !allow.allowsAddress(address)) {
        throw refuse(`must not point at a ${blocked} address (an operator can allow it in outbound.allow)`);
      }
    }
    return { target, addresses };
  }

  const guardedFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    if (input instanceof Request) throw new TypeError('the outbound guard sends URLs, not Request objects');
    const body = init?.body;
    if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof Uint8Array))
      throw new TypeError('the outbound guard sends string or byte bodies');
    const { target, addresses } = await permitted(String(input), 'url');
    const dispatcher = new Agent({
      connect: addresses === undefined ? {} : { lookup: pinnedLookup(addresses) },
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const signal = init?.signal
      ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)])
      : AbortSignal.timeout(timeoutMs);
    try {
      const answer = await request(target, {
        dispatcher,
        method: (init?.method ?? 'GET') as 'GET',
        headers: Object.fromEntries(new Headers(init?.headers).entries()),
        body: body ?? null,
        signal,
      });
      const bytes = await readBounded(answer.body, maxResponseBytes);
      if (answer.statusCode < 200 || answer.statusCode > 599)
        throw new Error(`unexpected HTTP status ${answer.statusCode}`);
      const headers = new Headers();
      for (const [name, value] of Object.entries(answer.headers)) {
        for (const one of Array.isArray(value) ? value : [value]) if (one !== undefined) headers.append(name, one);
      }
      return new Response(nullBodyStatuses.has(answer.statusCode) ? null : bytes, {
        status: answer.statusCode,
        headers,
      });
    } finally {
      await dispatcher.close().catch(() => undefined);
    }
  };

  return {
    check: async (url, param) => {
      await permitted(url, param);
    },
    fetch: guardedFetch,
  };
}

/** The first `limit` bytes of a body; the rest is dropped with the connection. */
async function readBounded(
  body: AsyncIterable<Uint8Array> & { destroy(): unknown },
  limit: number,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    const room = limit - size;
    chunks.push(chunk.byteLength > room ? chunk.subarray(0, room) : chunk);
    size += Math.min(chunk.byteLength, room);
    if (size >= limit) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks);
}
