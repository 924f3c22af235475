/**
 * A document Podium cannot use fails the upstream's creation with one message that names the
 * upstream, the file and the place in the document (`paths./customers/{id}.get.parameters.0.in`), so
 * the operator can fix it without guessing; never a stack of zod internals.
 */
import { PodiumError } from '../../../../contract/index.js';

/** Where a problem is in the document: the upstream's name, the spec file as configured, the location. */
export interface DocumentPlace {
  readonly upstream: string;
  readonly spec: string;
}

/** A `config_invalid` PodiumError naming the upstream, the spec and the location `at` in it. */
export function openApiDocumentError(place: DocumentPlace, at: string, why: string): PodiumError {
  const where = at === '' ? '' : ` at ${at}`;
  return new PodiumError(
    'config_invalid',
    `tools.upstreams.${place.upstream}: OpenAPI document "${place.spec}"${where}: ${why}`,
    { param: `tools.upstreams.${place.upstream}.spec` },
  );
}

/** Appends one segment to a dotted location in the document. */
export function childAt(at: string, segment: string | number): string {
  return at === '' ? String(segment) : `${at}.${segment}`;
}
