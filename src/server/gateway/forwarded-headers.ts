/**
 * Client request headers that change what a provider does and that a drop-in must therefore pass on:
 * today only `anthropic-beta` (opt-ins such as extended context or token-efficient tools), and only to
 * Anthropic — another provider would not know it, and the name says whose it is.
 */
import type { Provider } from '../providers/index.js';

const maxValueLength = 1024;
const printable = /^[\x20-\x7e]+$/;

/** The headers to add to the upstream request for this provider, or undefined when there are none. */
export function forwardedHeaders(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  provider: Pick<Provider, 'type'>,
): Record<string, string> | undefined {
  if (provider.type !== 'anthropic') return undefined;
  const raw = headers['anthropic-beta'];
  const value = Array.isArray(raw) ? raw.join(',') : raw;
  // A value we cannot send verbatim is dropped rather than repaired: a guessed beta is worse than none.
  if (value === undefined || value.length > maxValueLength || !printable.test(value)) return undefined;
  return { 'anthropic-beta': value };
}
