/**
 * `podium tools call <name> --args '<json>'`: one governed tool call through the running Podium's
 * `/mcp`, with the official MCP client — the same door agents use, so the call is checked, approved,
 * budgeted and audited like theirs. A call that needs approval waits for it (2026-07-28 rounds).
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { CliContext, CommandRun } from './cli-context.js';
import { CliError, UsageError } from './cli-error.js';
import { connectPodiumMcp, mcpConnectionOptions } from './mcp-command.js';
import { expectPositionals, parseOrUsage, printUsage } from './parse-command.js';
import { printJson } from './print-json.js';

export const toolsCallUsage = `Usage:
  podium tools call <name> [--args '<json object>'] [--json] [--url <podium url>] [--key <podium key>] [--agent <name>] [--user <id>]

Calls one tool through the running Podium's /mcp as the key's caller (--key or PODIUM_KEY).
Prints the text content, or the whole result with --json; exits 1 when the result is an error.
`;

const argumentsSchema = z.record(z.string(), z.unknown());

function parseArguments(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError('--args is not valid JSON', toolsCallUsage);
  }
  const parsed = argumentsSchema.safeParse(value);
  if (!parsed.success) throw new UsageError('--args must be a JSON object', toolsCallUsage);
  return parsed.data;
}

const textBlock = z.looseObject({ type: z.literal('text'), text: z.string() });

/** `podium tools call`: the `call` subcommand of `podium tools` (tools-command.ts). */
export const toolsCallCommand: CommandRun = async (context: CliContext, args) => {
  const { values, positionals } = parseOrUsage(toolsCallUsage, () =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        json: { type: 'boolean' },
        args: { type: 'string' },
        ...mcpConnectionOptions,
      },
    }),
  );
  if (values.help === true) return printUsage(context, toolsCallUsage);
  const [name] = expectPositionals(positionals, ['name'], toolsCallUsage);
  const toolArguments = parseArguments(values.args);
  const client = await connectPodiumMcp(context, values);
  try {
    const result = await client.callTool({ name: name ?? '', arguments: toolArguments }, { signal: context.signal });
    if (values.json === true) printJson(context, result);
    else
      for (const block of result.content) {
        const text = textBlock.safeParse(block);
        context.stdout.write(`${text.success ? text.data.text : JSON.stringify(block)}\n`);
      }
    return result.isError === true ? 1 : 0;
  } catch (error) {
    throw new CliError(`podium tools call ${name ?? ''}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  } finally {
    await client.close();
  }
};
