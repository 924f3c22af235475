/**
 * `${VAR}` and `${VAR:-default}` interpolation in every string of the parsed YAML, so secrets stay
 * in the environment. A missing variable without a default is an error naming the YAML path.
 */
const pattern = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export interface InterpolationProblem {
  path: string;
  message: string;
}

/** Returns the interpolated value and the problems found; never throws. */
export function interpolateEnv(
  value: unknown,
  env: NodeJS.ProcessEnv,
  path = '',
): { value: unknown; problems: InterpolationProblem[] } {
  const problems: InterpolationProblem[] = [];
  const walk = (node: unknown, at: string): unknown => {
    if (typeof node === 'string') {
      return node.replace(pattern, (_match, name: string, fallback: string | undefined) => {
        const found = env[name];
        if (found !== undefined && found !== '') return found;
        if (fallback !== undefined) return fallback;
        problems.push({ path: at, message: `environment variable ${name} is not set` });
        return '';
      });
    }
    if (Array.isArray(node)) return node.map((item, index) => walk(item, `${at}[${index}]`));
    if (node !== null && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(node)) out[key] = walk(child, at === '' ? key : `${at}.${key}`);
      return out;
    }
    return node;
  };
  return { value: walk(value, path), problems };
}
