import { approvalsCommand } from './approvals-command.js';
import { auditCommand } from './audit-command.js';
import { budgetsCommand } from './budgets-command.js';
import type { CliContext, CommandGroup } from './cli-context.js';
import { CliError, UsageError } from './cli-error.js';
import { configCommand } from './config-command.js';
import { initCommand } from './init-command.js';
import { importPgliteCommand } from './import-pglite-command.js';
import { keysCommand } from './keys-command.js';
import { mcpCommand } from './mcp-command.js';
import { policyCommand } from './policy-command.js';
import { projectsCommand } from './projects-command.js';
import { reportCommand } from './report-command.js';
import { requestsCommand } from './requests-command.js';
import { routeCommand } from './route-command.js';
import { createStartCommand, type ServerMain } from './start-command.js';
import { teamsCommand } from './teams-command.js';
import { toolsCommand } from './tools-command.js';
import { readVersion } from './version.js';

/** How one `podium` invocation runs: its arguments (without `node podium`) and its surroundings. */
export interface CliInvocation extends CliContext {
  argv: readonly string[];
  /** Replaces the server import of `podium start` (tests). */
  loadServer?: (() => Promise<ServerMain>) | undefined;
}

const loadServerMain = (): Promise<ServerMain> => import('../server/main.js');

/**
 * Runs one `podium` command and returns its exit code: 0 success, 1 failure (reported as `error: …` on
 * stderr), 2 bad usage (reported with the usage). Never throws and never exits the process.
 */
export async function runCli(invocation: CliInvocation): Promise<number> {
  const { argv, loadServer, ...context } = invocation;
  const groups = [
    createStartCommand(loadServer ?? loadServerMain),
    keysCommand,
    teamsCommand,
    projectsCommand,
    requestsCommand,
    budgetsCommand,
    reportCommand,
    initCommand,
    configCommand,
    routeCommand,
    policyCommand,
    approvalsCommand,
    auditCommand,
    importPgliteCommand,
    mcpCommand,
    toolsCommand,
  ];
  const usage = mainUsage(groups);
  const [command, ...args] = argv;
  try {
    if (command === '--help' || command === '-h' || command === 'help') {
      context.stdout.write(usage);
      return 0;
    }
    if (command === '--version' || command === '-v') {
      context.stdout.write(`${readVersion()}\n`);
      return 0;
    }
    if (command === undefined) throw new UsageError('missing command', usage);
    const group = groups.find((candidate) => candidate.name === command);
    if (group === undefined) throw new UsageError(`unknown command "${command}"`, usage);
    return await group.run(context, args);
  } catch (error) {
    return report(context, error);
  }
}

function report(context: CliContext, error: unknown): number {
  if (error instanceof UsageError) {
    context.stderr.write(`error: ${error.message}\n\n${error.usage}`);
    return error.exitCode;
  }
  if (error instanceof CliError) {
    if (error.exitCode !== 130) context.stderr.write(`error: ${error.message}\n`);
    return error.exitCode;
  }
  context.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  if (context.env.PODIUM_DEBUG !== undefined && error instanceof Error && error.stack !== undefined)
    context.stderr.write(`${error.stack}\n`);
  return 1;
}

function mainUsage(groups: readonly CommandGroup[]): string {
  const width = Math.max(...groups.map((group) => group.name.length));
  const commands = groups.map((group) => `  ${group.name.padEnd(width)}  ${group.summary}`).join('\n');
  return `Usage: podium <command> [options]

Commands:
${commands}

Options:
  -h, --help     show help (also: podium <command> --help)
  -v, --version  show the version

Management commands talk to a running Podium at PODIUM_URL (default http://127.0.0.1:4141)
with the admin key in PODIUM_ADMIN_KEY.
`;
}
