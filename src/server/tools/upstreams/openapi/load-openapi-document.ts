/**
 * Reads an OpenAPI document from disk: a file relative to podium.yaml's directory, at most
 * `maxDocumentBytes` (read no further, so a huge or endless file cannot fill memory), JSON or YAML
 * (YAML aliases bounded by the parser, against alias bombs). Its root is checked here; operations
 * are checked as they are read (collect-operations.ts).
 */
import { open } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { PodiumError } from '../../../../contract/index.js';
import { openApiDocumentError, type DocumentPlace } from './openapi-document-error.js';
import { openApiRootSchema, type OpenApiRoot } from './openapi-document-schema.js';

export const maxDocumentBytes = 10 * 1024 * 1024;

export interface LoadedDocument {
  /** The whole document, as parsed: refs are looked up in it. */
  readonly raw: unknown;
  readonly root: OpenApiRoot;
  readonly openApi30: boolean;
}

/**
 * Loads and checks the document's root.
 * @throws PodiumError `config_invalid` naming the upstream and the spec: unreadable, too large, not JSON/YAML, not OpenAPI 3.x.
 */
export async function loadOpenApiDocument(place: DocumentPlace, baseDir: string): Promise<LoadedDocument> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(place.spec)) {
    throw openApiDocumentError(
      place,
      '',
      'loading a document from a URL is not supported yet: save it next to podium.yaml',
    );
  }
  const text = await readBounded(place, isAbsolute(place.spec) ? place.spec : resolve(baseDir, place.spec));
  let raw: unknown;
  try {
    raw = /\.json$/i.test(place.spec) ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100, uniqueKeys: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0]?.slice(0, 300) : 'unreadable';
    throw openApiDocumentError(place, '', `not valid JSON or YAML: ${reason}`);
  }
  const parsed = openApiRootSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw openApiDocumentError(place, issue?.path.join('.') ?? '', issue?.message ?? 'not an OpenAPI document');
  }
  return { raw, root: parsed.data, openApi30: parsed.data.openapi.startsWith('3.0.') };
}

async function readBounded(place: DocumentPlace, file: string): Promise<string> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new PodiumError(
      'config_invalid',
      `tools.upstreams.${place.upstream}: cannot read OpenAPI document "${place.spec}"${typeof code === 'string' ? ` (${code})` : ''}`,
      { param: `tools.upstreams.${place.upstream}.spec`, cause: error },
    );
  }
  try {
    const buffer = Buffer.alloc(maxDocumentBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxDocumentBytes) {
        throw openApiDocumentError(place, '', `larger than ${maxDocumentBytes} bytes`);
      }
    }
    return buffer.toString('utf8', 0, length);
  } finally {
    await handle.close();
  }
}
