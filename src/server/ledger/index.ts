export { LedgerWriter } from './ledger-writer.js';
export type { LedgerSink, LedgerWriterOptions } from './ledger-writer.js';
