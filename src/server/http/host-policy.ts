/**
 * Which Host names the server answers. A browser page on an attacker's domain can rebind that name
 * to 127.0.0.1 (DNS rebinding) and then read same-origin answers — /metrics, the admin API — so a
 * server bound to loopback answers only loopback names unless the operator lists others.
 */
const loopbackNames = ['localhost', '127.0.0.1', '::1'];

const isLoopback = (host: string): boolean => host === 'localhost' || host === '::1' || host.startsWith('127.');

/**
 * The hosts to allow: the configured list when there is one (`*` allows any); otherwise, bound to
 * loopback, the loopback names and the bind address; bound to anything else, any host (the operator
 * chose to be reachable by name, and lists names to narrow it).
 */
export function resolveAllowedHosts(options: {
  configured: readonly string[] | undefined;
  bindHost: string;
}): readonly string[] | undefined {
  if (options.configured)
    return options.configured.includes('*') ? undefined : options.configured.map((host) => host.toLowerCase());
  const bind = options.bindHost.toLowerCase().replace(/^\[|\]$/g, '');
  return isLoopback(bind) ? [...new Set([...loopbackNames, bind])] : undefined;
}

/** The host name of a Host header, lower-cased, without port or IPv6 brackets; undefined when malformed. */
export function hostNameOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const value = header.trim().toLowerCase();
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    return end > 1 ? value.slice(1, end) : undefined;
  }
  const colon = value.indexOf(':');
  const name = colon === -1 ? value : value.slice(0, colon);
  return name === '' ? undefined : name;
}

/** A predicate over Host headers for the resolved list (undefined: every host passes). */
export function hostMatcher(allowed: readonly string[] | undefined): (header: string | undefined) => boolean {
  if (!allowed) return () => true;
  const names = new Set(allowed.map((host) => host.replace(/^\[|\]$/g, '')));
  return (header) => {
    const name = hostNameOf(header);
    return name !== undefined && names.has(name);
  };
}
