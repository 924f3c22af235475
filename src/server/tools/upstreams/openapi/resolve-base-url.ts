/**
 * Where an upstream's calls go: the configured `baseUrl`, else the document's first server with its
 * variables at their defaults. A relative server URL (`/v1`) is resolved against nothing (Podium
 * has no "current page"): the operator must then set `baseUrl`. Only http and https.
 */
import { PodiumError } from '../../../../contract/index.js';
import type { LoadedDocument } from './load-openapi-document.js';
import { openApiDocumentError, type DocumentPlace } from './openapi-document-error.js';

export interface BaseUrl {
  /** scheme://host:port: one connection pool. */
  readonly origin: string;
  /** The URL's path without a trailing `/`. */
  readonly basePath: string;
}

/** The base URL. @throws PodiumError `config_invalid` when there is none usable. */
export function resolveBaseUrl(
  place: DocumentPlace,
  configured: string | undefined,
  document: LoadedDocument,
): BaseUrl {
  const param = `tools.upstreams.${place.upstream}.baseUrl`;
  let text = configured;
  if (text === undefined) {
    const server = document.root.servers?.[0];
    if (server === undefined) throw openApiDocumentError(place, 'servers', 'no server: set `baseUrl`');
    text = server.url.replace(/\{([^{}]*)\}/g, (match, name: string) => server.variables?.[name]?.default ?? match);
    if (!URL.canParse(text)) throw openApiDocumentError(place, 'servers.0.url', 'not an absolute URL: set `baseUrl`');
  }
  const url = new URL(text);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new PodiumError('config_invalid', `${param}: must be an http or https URL`, { param });
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    throw new PodiumError('config_invalid', `${param}: no credentials, query or fragment (use \`headers\`)`, { param });
  }
  return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') };
}
