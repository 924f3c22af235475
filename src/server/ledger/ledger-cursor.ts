import { z } from 'zod';
import { PodiumError } from '../../contract/index.js';

/** Where a page ended: the (at, id) of its last row. The next page starts strictly after it. */
export interface LedgerPosition {
  at: string;
  id: string;
}

const positionSchema = z.tuple([z.iso.datetime({ offset: true }), z.string().min(1)]);

/** Opaque to clients (base64url of JSON) so its shape can change without an API change. */
export function encodeLedgerCursor(position: LedgerPosition): string {
  return Buffer.from(JSON.stringify([position.at, position.id])).toString('base64url');
}

/** @throws PodiumError `invalid_request` (param `cursor`) for anything encodeLedgerCursor did not make. */
export function decodeLedgerCursor(cursor: string): LedgerPosition {
  try {
    const [at, id] = positionSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return { at, id };
  } catch (error) {
    throw new PodiumError('invalid_request', 'invalid cursor: pass nextCursor from a previous page unchanged', {
      param: 'cursor',
      cause: error,
    });
  }
}
