export { costOf, createPriceTable } from './price-table.js';
export type { PriceTable } from './price-table.js';
