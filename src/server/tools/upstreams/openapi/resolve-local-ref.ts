/**
 * Local `$ref`s (`#/components/parameters/Limit`) followed inside the one document. External refs
 * (another file, a URL) are refused: following them would make loading a document read arbitrary
 * files or reach the network. A chain of refs is bounded and a ref that leads back to itself is a
 * cycle, reported with the ref's name rather than looping.
 */
import { openApiDocumentError, type DocumentPlace } from './openapi-document-error.js';

/** Longest chain of refs to refs followed for one value. */
const maxRefChain = 32;

export interface ResolvedValue {
  readonly value: unknown;
  /** Where the value really is: the ref's target (`components.parameters.Limit`), or `at` if none. */
  readonly at: string;
}

export interface RefContext {
  readonly document: unknown;
  readonly place: DocumentPlace;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The `$ref` of a reference object, if `value` is one. */
export function refOf(value: unknown): string | undefined {
  return isRecord(value) && typeof value.$ref === 'string' ? value.$ref : undefined;
}

/**
 * The value a local ref points to, and its location as a dotted path.
 * @throws PodiumError `config_invalid` for an external ref or one that points to nothing.
 */
export function lookupLocalRef(context: RefContext, ref: string, at: string): ResolvedValue {
  if (!ref.startsWith('#/')) {
    throw openApiDocumentError(
      context.place,
      at,
      `external reference "${ref.slice(0, 200)}" is not supported: only references inside the document (#/components/...)`,
    );
  }
  let value: unknown = context.document;
  const segments: string[] = [];
  for (const raw of ref.slice(2).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw.replace(/~1/g, '/').replace(/~0/g, '~'));
    } catch {
      throw openApiDocumentError(context.place, at, `reference "${ref.slice(0, 200)}" is not a valid JSON pointer`);
    }
    const container: unknown = value;
    const next: unknown =
      Array.isArray(container) && /^\d+$/.test(segment)
        ? container[Number(segment)]
        : isRecord(container) && Object.hasOwn(container, segment)
          ? container[segment]
          : undefined;
    if (next === undefined) {
      throw openApiDocumentError(context.place, at, `reference "${ref.slice(0, 200)}" points to nothing`);
    }
    value = next;
    segments.push(segment);
  }
  return { value, at: segments.join('.') };
}

/**
 * Follows `value` while it is a reference object (a parameter, body or response may be one).
 * @throws PodiumError `config_invalid` for an external, dangling or cyclic ref, or a chain too long.
 */
export function followRefs(context: RefContext, value: unknown, at: string): ResolvedValue {
  const seen = new Set<string>();
  let current: ResolvedValue = { value, at };
  for (let ref = refOf(value); ref !== undefined; ref = refOf(current.value)) {
    if (seen.has(ref)) throw openApiDocumentError(context.place, at, `reference cycle through "${ref.slice(0, 200)}"`);
    if (seen.size >= maxRefChain) {
      throw openApiDocumentError(context.place, at, `more than ${maxRefChain} references in a chain`);
    }
    seen.add(ref);
    current = lookupLocalRef(context, ref, current.at);
  }
  return current;
}
