/** A minimal router: exact paths in a Map (the hot /v1 routes), `:param` patterns for the admin API. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface RouteInput {
  request: IncomingMessage;
  response: ServerResponse;
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
}

export type RouteHandler = (input: RouteInput) => void | Promise<void>;

interface PatternRoute {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: RouteHandler;
}

export class Router {
  private readonly exact = new Map<string, RouteHandler>();
  private readonly patterns: PatternRoute[] = [];
  private readonly paths = new Set<string>();

  add(method: string, path: string, handler: RouteHandler): this {
    this.paths.add(path);
    if (!path.includes(':')) {
      this.exact.set(`${method} ${path}`, handler);
      return this;
    }
    const names: string[] = [];
    const source = path.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    this.patterns.push({ method, pattern: new RegExp(`^${source}$`), names, handler });
    return this;
  }

  /** The handler for a request, `'method-not-allowed'` for a known path, or undefined. */
  match(method: string, path: string): { handler: RouteHandler; params: Record<string, string> } | 'method-not-allowed' | undefined {
    const handler = this.exact.get(`${method} ${path}`);
    if (handler) return { handler, params: {} };
    let knownPath = this.paths.has(path);
    for (const route of this.patterns) {
      const found = route.pattern.exec(path);
      if (!found) continue;
      if (route.method !== method) {
        knownPath = true;
        continue;
      }
      const params = decodeParams(route.names, found);
      // A malformed escape (`%ZZ`) names nothing: the path is unknown, not a fault of the server.
      if (!params) return undefined;
      return { handler: route.handler, params };
    }
    return knownPath ? 'method-not-allowed' : undefined;
  }
}

function decodeParams(names: readonly string[], found: RegExpExecArray): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  try {
    names.forEach((name, index) => (params[name] = decodeURIComponent(found[index + 1] ?? '')));
  } catch {
    return undefined;
  }
  return params;
}
