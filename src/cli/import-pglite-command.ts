import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CommandGroup, CommandRun } from './cli-context.js';
import { formatTable } from './format-table.js';
import { parseOrUsage, printUsage, requireOption } from './parse-command.js';
import { printJson } from './print-json.js';

const usage = `Usage:
  podium import-pglite --data-dir <dir> [--database-url <url>] [--json]

Copies everything an embedded PGlite store holds (Podium's embedded store before PostgreSQL) into
PostgreSQL, verifies every table's row count and checksum on both sides, then moves the PGlite files
into <dir>/pglite-imported-<time>/ (nothing is deleted). Stop Podium first. Safe to run again after an
interruption; refuses a target that already holds other data (see docs/operations.md).

  --data-dir <dir>      the PGlite data directory (PODIUM_DATA_DIR, default ./.podium)
  --database-url <url>  import into this PostgreSQL database (migrated first; must hold no rows);
                        default: the PostgreSQL Podium runs itself in the data dir
  --json                print the report as JSON
`;

const options = {
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const run: CommandRun = async (context, args) => {
  const { values } = parseOrUsage(usage, () => parseArgs({ args, strict: true, options }));
  if (values.help === true) return printUsage(context, usage);
  const dataDir = resolve(context.cwd, requireOption(values['data-dir'], '--data-dir', usage));
  // Loaded on demand: no other command pays for the database drivers.
  const { importPgliteDataDirInto } = await import('../server/import-pglite-data-dir.js');
  const report = await importPgliteDataDirInto({
    dataDir,
    databaseUrl: values['database-url'],
    log: (line) => context.stderr.write(`${line}\n`),
  });
  if (values.json === true) {
    printJson(context, report);
    return 0;
  }
  if (report.tables.length > 0)
    context.stdout.write(
      formatTable(
        ['TABLE', 'ROWS', 'CHECKSUM'],
        report.tables.map((table) => [table.table, table.rows, table.checksum]),
      ),
    );
  const rows = report.tables.reduce((sum, table) => sum + table.rows, 0);
  const what =
    report.outcome === 'move-completed'
      ? 'Finished an interrupted import'
      : `Imported ${rows} row(s) in ${report.tables.length} table(s)`;
  context.stdout.write(`${what}; the PGlite files are in ${report.movedTo}.\n`);
  return 0;
};

/** `podium import-pglite`: the one-off upgrade of a PGlite data directory to PostgreSQL. */
export const importPgliteCommand: CommandGroup = {
  name: 'import-pglite',
  summary: 'import a PGlite data directory (the old embedded store) into PostgreSQL',
  usage,
  run,
};
