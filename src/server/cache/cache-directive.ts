/**
 * What the client asked of the cache, from its request headers:
 * - `x-podium-cache: off` or `cache-control: no-store` → `off`: neither read nor write the cache;
 * - `cache-control: no-cache` (HTTP's "revalidate") → `refresh`: go upstream, then store the fresh answer;
 * - otherwise → `use`.
 */
export type CacheDirective = 'use' | 'refresh' | 'off';

const headerText = (value: string | string[] | undefined): string =>
  (Array.isArray(value) ? value.join(',') : (value ?? '')).toLowerCase();

/** Reads the directive; unknown values mean `use`, so a typo never disables anything silently wrong. */
export function cacheDirective(headers: Readonly<Record<string, string | string[] | undefined>>): CacheDirective {
  const podium = headerText(headers['x-podium-cache']).trim();
  if (podium === 'off' || podium === 'bypass') return 'off';
  const control = headerText(headers['cache-control'])
    .split(',')
    .map((part) => part.trim());
  if (control.includes('no-store')) return 'off';
  if (control.includes('no-cache')) return 'refresh';
  return 'use';
}
