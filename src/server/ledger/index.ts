export { LedgerWriter } from './ledger-writer.js';
export type { LedgerRefusal, LedgerSink, LedgerWriterOptions } from './ledger-writer.js';
export { sanitizeRecord } from './sanitize-record.js';
export { createRequestQuery } from './request-query.js';
export type { RequestQueryOptions } from './request-query.js';
export { createLedgerRepository } from './ledger-repository.js';
export type { LedgerFilter, LedgerRepository, ScopeUsageFilter } from './ledger-repository.js';
export { ledgerMigrations } from './ledger-migrations.js';
