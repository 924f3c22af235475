import { z } from 'zod';
import { adminErrorSchema } from '../contract/index.js';
import type { CliContext } from './cli-context.js';
import { CliError } from './cli-error.js';

/** Where `podium` looks for a running Podium when PODIUM_URL is not set. */
export const defaultPodiumUrl = 'http://127.0.0.1:4141';

export type QueryValue = string | number | boolean | undefined;

/** One admin API call: the response body is parsed by `schema`, so callers get typed data or a CliError. */
export interface AdminCall<T> {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path under the base URL, e.g. `/api/v1/keys`; callers encode path segments. */
  path: string;
  query?: Readonly<Record<string, QueryValue>> | undefined;
  body?: unknown;
  /** `text`: the body reaches `schema` as the raw string (CSV reports) instead of parsed JSON. */
  responseType?: 'json' | 'text' | undefined;
  schema: z.ZodType<T>;
}

/** A typed client for the admin API of one running Podium. */
export interface AdminClient {
  readonly baseUrl: string;
  call<T>(call: AdminCall<T>): Promise<T>;
}

/**
 * Builds the admin client from PODIUM_URL and PODIUM_ADMIN_KEY. Fails fast, before any network call,
 * when the key is missing or the URL is malformed.
 */
export function createAdminClient(context: Pick<CliContext, 'env' | 'fetch' | 'signal'>): AdminClient {
  const baseUrl = parseBaseUrl(context.env.PODIUM_URL);
  const adminKey = context.env.PODIUM_ADMIN_KEY;
  if (adminKey === undefined || adminKey.trim() === '') {
    throw new CliError('PODIUM_ADMIN_KEY is not set: export the admin key the Podium server was started with');
  }
  const send = context.fetch ?? fetch;
  return {
    baseUrl,
    async call<T>(call: AdminCall<T>): Promise<T> {
      const url = buildUrl(baseUrl, call);
      const label = `${call.method} ${call.path}`;
      const headers: Record<string, string> = {
        authorization: `Bearer ${adminKey.trim()}`,
        accept: 'application/json',
      };
      if (call.body !== undefined) headers['content-type'] = 'application/json';
      let response: Response;
      let text: string;
      try {
        const init: RequestInit = { method: call.method, headers, signal: context.signal };
        if (call.body !== undefined) init.body = JSON.stringify(call.body);
        response = await send(url, init);
        text = await response.text();
      } catch (error) {
        throw networkError(error, baseUrl);
      }
      if (!response.ok) throw apiError({ status: response.status, text, label });
      return parseBody({ value: call.responseType === 'text' ? text : safeJson(text), schema: call.schema, label });
    },
  };
}

function parseBaseUrl(value: string | undefined): string {
  const raw = value === undefined || value.trim() === '' ? defaultPodiumUrl : value.trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new CliError(`PODIUM_URL is not a valid URL: "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new CliError(`PODIUM_URL must be an http(s) URL, got "${raw}"`);
  // Keep any path prefix (Podium behind a reverse proxy at /podium): paths are appended, not resolved.
  return url.href.replace(/\/+$/, '');
}

function buildUrl(baseUrl: string, call: AdminCall<unknown>): URL {
  const url = new URL(baseUrl + call.path);
  for (const [name, value] of Object.entries(call.query ?? {})) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return url;
}

function networkError(error: unknown, baseUrl: string): CliError {
  if (error instanceof Error && error.name === 'AbortError')
    return new CliError('interrupted', { exitCode: 130, cause: error });
  const codes = errorCodes(error);
  if (codes.includes('ECONNREFUSED')) {
    return new CliError(
      `cannot reach Podium at ${baseUrl} (connection refused). Is it running? Start it with \`podium start\`, or point PODIUM_URL at it.`,
      { cause: error },
    );
  }
  const detail =
    codes[0] ??
    (error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error));
  return new CliError(`cannot reach Podium at ${baseUrl} (${detail}); check PODIUM_URL`, { cause: error });
}

/** Node's fetch hides the socket error in `cause`, sometimes as an AggregateError (IPv4 and IPv6 attempts). */
function errorCodes(error: unknown): string[] {
  if (!(error instanceof Error)) return [];
  const own = 'code' in error && typeof error.code === 'string' ? [error.code] : [];
  const nested = error instanceof AggregateError ? error.errors.flatMap(errorCodes) : [];
  return [...own, ...nested, ...errorCodes(error.cause)];
}

function apiError(options: { status: number; text: string; label: string }): CliError {
  const parsed = adminErrorSchema.safeParse(safeJson(options.text));
  if (!parsed.success) {
    const excerpt = options.text.trim().slice(0, 200);
    return new CliError(`${options.label} failed with HTTP ${options.status}${excerpt === '' ? '' : `: ${excerpt}`}`);
  }
  const { message, code, param } = parsed.data.error;
  return new CliError(`${message} (${code}${param === null ? '' : `, param ${param}`})`);
}

function parseBody<T>(options: { value: unknown; schema: z.ZodType<T>; label: string }): T {
  const parsed = options.schema.safeParse(options.value);
  if (parsed.success) return parsed.data;
  throw new CliError(
    `unexpected response from Podium for ${options.label} (is PODIUM_URL a Podium of the same version?):\n${z.prettifyError(parsed.error)}`,
  );
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
