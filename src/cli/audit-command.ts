import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { AuditCheckpoint } from '../contract/index.js';
import { apiAuditSource, databaseAuditSource, type AuditSource } from './audit-sources.js';
import type { CliContext, CommandGroup, CommandRun } from './cli-context.js';
import { CliError, UsageError } from './cli-error.js';
import { defaultExportDirectory, describeCheckpointCoverage, fileExists } from './exported-checkpoints.js';
import { formatTable } from './format-table.js';
import { parseOrUsage, printUsage, runSubcommand } from './parse-command.js';
import { printJson } from './print-json.js';

const usage = `Usage:
  podium audit verify [--tenant <id>] [--checkpoints <file.jsonl>] [--public-key <pem>]...
                      [--database-url <url> | --data-dir <dir>] [--json]

Re-hashes the audit log and checks every tenant's chain against itself and against the signed
checkpoints Podium exported. Prints one line per problem (edited, rewritten, missing, reordered,
truncated, checkpoint-mismatch, forged-checkpoint) and exits 1 if there is any (see docs/audit.md).

  --tenant <id>         one organisation's chain (default: every tenant)
  --checkpoints <file>  the exported checkpoint file (audit.checkpointFile); default: Podium's own export,
                        podium-audit-checkpoints.jsonl beside PODIUM_SECRET_KEY_FILE or in the data dir's
                        parent, if it exists; else the checkpoints stored in the database, which its
                        owner can delete
  --public-key <pem>    a key checkpoints may be signed with (repeat for several); default: the
                        podium-audit-public-key.pem beside the exported file, else the running server's key
  --database-url <url>  read a PostgreSQL database instead of the admin API
  --data-dir <dir>      read a data directory (its Podium must be stopped)
  --json                print the report as JSON

Without --database-url or --data-dir it reads the running Podium at PODIUM_URL (admin key:
PODIUM_ADMIN_KEY).
`;

const options = {
  tenant: { type: 'string' },
  checkpoints: { type: 'string' },
  'public-key': { type: 'string', multiple: true },
  'database-url': { type: 'string' },
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ args: string[]; strict: true; options: typeof options }>>['values'];

/** Loaded on demand: other commands never pay for the server's audit module. */
const loadAudit = () => import('../server/governance/audit/index.js');

async function openSource(context: CliContext, values: Values): Promise<AuditSource> {
  const databaseUrl = values['database-url'];
  const dataDir = values['data-dir'];
  if (databaseUrl !== undefined && dataDir !== undefined)
    throw new UsageError('give --database-url or --data-dir, not both', usage);
  if (databaseUrl === undefined && dataDir === undefined) return apiAuditSource(context);
  return databaseAuditSource({
    databaseUrl,
    dataDir: dataDir === undefined ? undefined : resolve(context.cwd, dataDir),
  });
}

/** The exported file to read: `--checkpoints`, else Podium's default export when it exists. */
async function exportedFile(context: CliContext, values: Values): Promise<string | undefined> {
  if (values.checkpoints !== undefined) return resolve(context.cwd, values.checkpoints);
  const directory = defaultExportDirectory(context, values['data-dir']);
  const candidate =
    directory === undefined ? undefined : (await loadAudit()).auditExportPaths(directory).checkpointFile;
  if (candidate === undefined || !(await fileExists(candidate))) return undefined;
  context.stderr.write(`note: using the exported checkpoints in ${candidate}\n`);
  return candidate;
}

/** The checkpoints to trust, the file they came from (if exported), and lines of it that were not checkpoints (each one a problem). */
async function loadCheckpoints(options: {
  context: CliContext;
  source: AuditSource;
  values: Values;
}): Promise<{ checkpoints: AuditCheckpoint[]; unreadable: string[]; exportedFrom: string | undefined }> {
  const { context, source, values } = options;
  const path = await exportedFile(context, values);
  let checkpoints: readonly AuditCheckpoint[];
  let unreadable: string[] = [];
  if (path === undefined) {
    context.stderr.write(
      `warning: no --checkpoints file: using the checkpoints stored in ${source.name}, which whoever controls the database can delete; ` +
        'pass the exported file to catch a truncated or re-hashed log\n',
    );
    checkpoints = await source.checkpoints(values.tenant);
  } else {
    const audit = await loadAudit();
    const file = await audit.readCheckpointFile(path).catch((error: unknown) => {
      throw new CliError(`cannot read --checkpoints ${path}: ${(error as Error).message}`, { cause: error });
    });
    checkpoints = file.checkpoints;
    unreadable = file.unreadable.map((line) => `${path} ${line}`);
  }
  return {
    checkpoints: checkpoints.filter((checkpoint) => values.tenant === undefined || checkpoint.tenant === values.tenant),
    unreadable,
    exportedFrom: path,
  };
}

async function loadPublicKeys(options: {
  context: CliContext;
  source: AuditSource;
  values: Values;
  needed: boolean;
  exportedFrom: string | undefined;
}): Promise<KeyObject[]> {
  const { context, source, values } = options;
  const beside =
    options.exportedFrom === undefined
      ? undefined
      : (await loadAudit()).auditExportPaths(dirname(options.exportedFrom)).publicKeyFile;
  const published =
    values['public-key'] === undefined && options.needed && beside !== undefined && (await fileExists(beside));
  if (published) context.stderr.write(`note: using the public key ${beside}\n`);
  const paths = values['public-key'] ?? (published && beside !== undefined ? [beside] : []);
  if (paths.length > 0) {
    return Promise.all(
      paths.map(async (path) => {
        try {
          return createPublicKey(await readFile(resolve(context.cwd, path), 'utf8'));
        } catch (error) {
          throw new CliError(`--public-key ${path} is not a readable PEM public key: ${(error as Error).message}`, {
            cause: error,
          });
        }
      }),
    );
  }
  if (!options.needed) return [];
  if (source.publicKey === undefined)
    throw new CliError('--public-key is required to check the checkpoints’ signatures when reading a database');
  const served = await source.publicKey();
  context.stderr.write(
    `warning: no --public-key: trusting the key ${source.name} reports (key ${served.keyId}); pass the key you keep to rule out a replaced one\n`,
  );
  return [createPublicKey(served.publicKey)];
}

const verify: CommandRun = async (context, args) => {
  const { values } = parseOrUsage(usage, () => parseArgs({ args, strict: true, options }));
  if (values.help === true) return printUsage(context, usage);
  const source = await openSource(context, values);
  try {
    const audit = await loadAudit();
    const { checkpoints, unreadable, exportedFrom } = await loadCheckpoints({ context, source, values });
    const publicKeys = await loadPublicKeys({ context, source, values, needed: checkpoints.length > 0, exportedFrom });
    const coverage = describeCheckpointCoverage({ exportedFrom, checkpoints });
    // Tenants named by a checkpoint count even when the database no longer knows them: a deleted chain is a truncation.
    const tenants =
      values.tenant === undefined
        ? [
            ...new Set([
              ...(await source.heads()).map((head) => head.tenant),
              ...checkpoints.map((checkpoint) => checkpoint.tenant),
            ]),
          ].sort()
        : [values.tenant];
    const entries = audit.readAuditPages({ page: (query) => source.list(query), tenants, pageSize: source.pageSize });
    const report = await audit.verifyAuditLog({ entries, checkpoints, publicKeys });
    const failed = !report.ok || unreadable.length > 0;

    if (values.json === true)
      printJson(context, {
        ...report,
        ok: !failed,
        unreadableCheckpoints: unreadable,
        exportedCheckpoints: exportedFrom ?? null,
        coverage,
      });
    else if (failed) {
      for (const line of unreadable) context.stdout.write(`${line}\n`);
      for (const problem of report.problems)
        context.stdout.write(`${problem.tenant} seq ${problem.seq}: ${problem.kind}: ${problem.message}\n`);
      if (report.omittedProblems > 0) context.stdout.write(`… and ${report.omittedProblems} more problem(s)\n`);
    } else {
      const rows = report.tenants.map((tenant) => [
        tenant.tenant,
        tenant.entries,
        tenant.lastSeq,
        tenant.confirmedSeq || null,
      ]);
      if (rows.length > 0) context.stdout.write(formatTable(['TENANT', 'ENTRIES', 'LAST SEQ', 'SIGNED UP TO'], rows));
      context.stdout.write(
        `Audit log intact: ${report.entries} entries in ${report.tenants.length} tenant(s), ${report.checkpoints.matched} signed checkpoint(s) matched.\n`,
      );
      context.stdout.write(`${coverage}\n`);
      const unsigned = report.tenants.filter((tenant) => tenant.lastSeq > tenant.confirmedSeq).length;
      if (unsigned > 0)
        context.stderr.write(
          `note: ${unsigned} tenant(s) have entries after their last checkpoint: those are chained but not yet signed\n`,
        );
    }
    if (!failed) return 0;
    const count = report.problems.length + report.omittedProblems + unreadable.length;
    if (values.json !== true) context.stderr.write(`${coverage}\n`);
    context.stderr.write(`error: the audit log failed verification: ${count} problem(s)\n`);
    return 1;
  } finally {
    await source.close();
  }
};

/** `podium audit verify`: detects edited, deleted, reordered and truncated entries and rewritten chains. */
export const auditCommand: CommandGroup = {
  name: 'audit',
  summary: 'verify the tamper-evident audit log (hash chains and signed checkpoints)',
  usage,
  run: (context, args) => runSubcommand({ context, args, group: 'audit', usage, subcommands: { verify } }),
};
