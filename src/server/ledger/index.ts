export { LedgerWriter } from './ledger-writer.js';
export type { LedgerSink, LedgerWriterOptions } from './ledger-writer.js';
export { createRequestQuery } from './request-query.js';
export type { RequestQueryOptions } from './request-query.js';
