/** A minimal router: exact paths in a Map (the hot /v1 routes), `:param` patterns for the admin API. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PodiumError } from '../../contract/index.js';

export interface RouteInput {
  request: IncomingMessage;
  response: ServerResponse;
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
}

export type RouteHandler = (input: RouteInput) => void | Promise<void>;

/** A route as registered: its method and path pattern (`/api/v1/keys/:ref`). */
export interface RouteName {
  method: string;
  path: string;
}

/** Index of the first C0 control or DEL in `text`, or -1: no id, name or ref contains one, and some stores fail on them. */
export function controlCharacterAt(text: string): number {
  for (let at = 0; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (code < 0x20 || code === 0x7f) return at;
  }
  return -1;
}

/** A path segment, percent-decoded; a malformed escape (`%ZZ`) or a control character is the caller's error, named by its parameter. */
function decodeParam(name: string, raw: string): string {
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    throw new PodiumError('invalid_request', `Path parameter "${name}" is not valid percent-encoding.`, {
      param: name,
    });
  }
  if (controlCharacterAt(value) !== -1)
    throw new PodiumError('invalid_request', `Path parameter "${name}" contains control characters.`, { param: name });
  return value;
}

/** Wraps every handler as it is added: cross-cutting behaviour (the admin actions' audit entries) without touching each route. */
export type RouteWrapper = (route: RouteName, handler: RouteHandler) => RouteHandler;

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
  private readonly names: RouteName[] = [];

  constructor(private readonly options: { wrap?: RouteWrapper | undefined } = {}) {}

  /** Every route added, in order: what tests enumerate so that no route escapes a cross-cutting rule. */
  get routes(): readonly RouteName[] {
    return this.names;
  }

  add(method: string, path: string, given: RouteHandler): this {
    this.paths.add(path);
    this.names.push({ method, path });
    const handler = this.options.wrap ? this.options.wrap({ method, path }, given) : given;
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

  /**
   * The handler for a request, `'method-not-allowed'` for a known path, or undefined. Throws a 400
   * PodiumError when a path parameter is not valid percent-encoding.
   */
  match(
    method: string,
    path: string,
  ): { handler: RouteHandler; params: Record<string, string> } | 'method-not-allowed' | undefined {
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
      const params: Record<string, string> = {};
      route.names.forEach((name, index) => (params[name] = decodeParam(name, found[index + 1] ?? '')));
      return { handler: route.handler, params };
    }
    return knownPath ? 'method-not-allowed' : undefined;
  }
}
