import { parseArgs } from 'node:util';
import type { CliContext, CommandGroup } from './cli-context.js';
import { expectPositionals, parseOrUsage, printUsage } from './parse-command.js';

const usage = `Usage:
  podium start

Starts the Podium server in this process and runs until SIGINT (Ctrl-C) or SIGTERM, then shuts down
cleanly. Configured by podium.yaml (or PODIUM_CONFIG) and the environment:

  PODIUM_HOST, PODIUM_PORT     where to listen (default 127.0.0.1:4141)
  PODIUM_DATA_DIR              the embedded database's directory
  PODIUM_DATABASE_URL          a PostgreSQL URL, instead of the embedded database
  PODIUM_ADMIN_KEY             the admin API key the other podium commands use
  PODIUM_CONFIG                the config file (default ./podium.yaml)

Without a config file it serves the providers it detects (OPENAI_API_KEY, ANTHROPIC_API_KEY,
GEMINI_API_KEY, a local Ollama, vLLM or LM Studio) and prints them; \`podium init\` writes them to a file.
`;

/** The part of the server's composition root that `podium start` uses (src/server/main.ts). */
export interface ServerMain {
  startPodium: (options?: {
    env?: NodeJS.ProcessEnv;
    cwd?: string;
    log?: (line: string) => void;
  }) => Promise<{ url: string; close(): Promise<void> }>;
}

/**
 * Builds `podium start`. The server is imported only when the command runs, so management commands
 * never load it; tests pass their own `loadServer`.
 */
export function createStartCommand(loadServer: () => Promise<ServerMain>): CommandGroup {
  return {
    name: 'start',
    summary: 'run the Podium server in this process',
    usage,
    async run(context, args) {
      const { values, positionals } = parseOrUsage(usage, () =>
        parseArgs({ args, strict: true, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } }),
      );
      if (values.help === true) return printUsage(context, usage);
      expectPositionals(positionals, [], usage);
      const { startPodium } = await loadServer();
      const server = await startPodium({
        env: context.env,
        cwd: context.cwd,
        log: (line) => context.stdout.write(`${line}\n`),
      });
      context.stdout.write(`Podium is listening on ${server.url}\n`);
      await untilAborted(context);
      context.stdout.write('Shutting down…\n');
      await server.close();
      return 0;
    },
  };
}

function untilAborted(context: CliContext): Promise<void> {
  if (context.signal.aborted) return Promise.resolve();
  return new Promise((resolve) => context.signal.addEventListener('abort', () => resolve(), { once: true }));
}
