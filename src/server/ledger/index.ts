export { LedgerWriter } from './ledger-writer.js';
export type { LedgerRefusal, LedgerSink, LedgerWriterOptions } from './ledger-writer.js';
export { sanitizeRecord } from './sanitize-record.js';
export { createRequestQuery } from './request-query.js';
export type { RequestQueryOptions } from './request-query.js';
