import pg from 'pg';

/**
 * Result parsers set per pool rather than on the global `pg.types`, so nothing else in the process changes.
 * node-postgres returns int8 and numeric as strings to avoid precision loss; every such column of ours
 * (token counts, USD costs) stays far inside the range where a JS number holds the stored digits exactly,
 * and the contract types them as numbers. Timestamps stay `Date` (the pg default) and repositories turn them
 * into ISO strings; json/jsonb keep pg's JSON.parse. Both drivers use this, so both return the same types.
 */
export const typeParsers = new pg.TypeOverrides();
typeParsers.setTypeParser(pg.types.builtins.INT8, Number);
typeParsers.setTypeParser(pg.types.builtins.NUMERIC, Number);
