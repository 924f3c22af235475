/** `podium tools upstreams | list | pending | diff | approve | reject | sets | call`: the tool catalog through the admin API. */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  listOf,
  pendingToolSchema,
  toolDiffSchema,
  toolSetSummarySchema,
  toolSummarySchema,
  toolUpstreamSummarySchema,
  type ToolDiff,
} from '../contract/index.js';
import { createAdminClient } from './admin-client.js';
import type { CliContext, CommandGroup, CommandRun } from './cli-context.js';
import { UsageError } from './cli-error.js';
import { formatTable, formatTimestamp } from './format-table.js';
import { expectPositionals, parseOrUsage, printUsage, runSubcommand } from './parse-command.js';
import { printJson } from './print-json.js';
import { toolsCallCommand } from './tools-call-command.js';

export const toolsUsage = `Usage:
  podium tools upstreams [--json]
  podium tools list [--json]
  podium tools pending [--json]
  podium tools diff <upstream>/<tool> [--json]
  podium tools approve <upstream>/<tool> [--as <name>] [--comment <text>] [--json]
  podium tools reject <upstream>/<tool> [--as <name>] [--comment <text>] [--json]
  podium tools sets [--json]
  podium tools call <name> [--args '<json object>'] [--json] [--url <url>] [--key <key>] [--agent <name>] [--user <id>]

The tool catalog of the running Podium at PODIUM_URL (admin key: PODIUM_ADMIN_KEY). A new tool, or one whose
definition changed since it was approved, is quarantined (invisible to agents) until approved here.

  upstreams         MCP, OpenAPI and SQL upstreams: health and tool counts
  list              every tool with its pin state (pinned, pending-new, pending-changed, rejected)
  pending           definitions waiting for a decision
  diff              what changed against the approved definition
  approve, reject   shows the diff, then decides on exactly the definition shown (if it changed
                    meanwhile, Podium refuses: run it again)
  call              one governed tool call through /mcp as the key's caller (--key or PODIUM_KEY):
                    policies, approval, budget and audit apply as for an agent
  --json            print the API response as JSON
`;

const help = { help: { type: 'boolean', short: 'h' } } as const;
const json = { json: { type: 'boolean' } } as const;
const decisionOptions = { ...help, ...json, as: { type: 'string' }, comment: { type: 'string' } } as const;

/** `files/read_file` → its two path segments, encoded. */
function toolPath(target: string, action: string): string {
  const at = target.indexOf('/');
  if (at <= 0 || at === target.length - 1)
    throw new UsageError(`<upstream>/<tool> expected, not "${target}"`, toolsUsage);
  const upstream = encodeURIComponent(target.slice(0, at));
  const tool = encodeURIComponent(target.slice(at + 1));
  return `/api/v1/tools/pending/${upstream}/${tool}/${action}`;
}

const excerpt = (text: string | undefined): string => {
  const line = (text ?? '').replace(/\s+/g, ' ').trim();
  return line.length > 60 ? `${line.slice(0, 59).trimEnd()}…` : line;
};
const shortDigest = (digest: string | null): string => (digest === null ? '-' : digest.slice(0, 12));

/** The diff as an admin reads it: digests, the description's word diff, then each changed field. */
export function formatToolDiff(diff: ToolDiff): string {
  const lines = [
    `${diff.upstream}/${diff.tool}: ${diff.pinnedDigest === null ? 'new tool' : `pinned ${diff.pinnedDigest}`}`,
    `  pending ${diff.pendingDigest}`,
  ];
  if (diff.descriptionDiff !== null)
    lines.push('  description:', `    ${diff.descriptionDiff.replace(/\n/g, '\n    ')}`);
  for (const change of diff.changes) {
    if (change.path === 'description') continue;
    const value = (label: string, data: unknown): string =>
      data === undefined ? '' : ` ${label} ${excerpt(JSON.stringify(data))}`;
    lines.push(`  ${change.change} ${change.path}:${value('was', change.before)}${value('now', change.after)}`);
  }
  if (diff.truncated) lines.push('  … more changes (see --json)');
  return `${lines.join('\n')}\n`;
}

const simple =
  (run: (context: CliContext, asJson: boolean) => Promise<void>): CommandRun =>
  async (context, args) => {
    const { values } = parseOrUsage(toolsUsage, () => parseArgs({ args, strict: true, options: { ...help, ...json } }));
    if (values.help === true) return printUsage(context, toolsUsage);
    await run(context, values.json === true);
    return 0;
  };

const upstreams = simple(async (context, asJson) => {
  const answer = await createAdminClient(context).call({
    method: 'GET',
    path: '/api/v1/tools/upstreams',
    schema: listOf(toolUpstreamSummarySchema),
  });
  if (asJson) return printJson(context, answer);
  if (answer.data.length === 0) return void context.stdout.write('No tool upstreams.\n');
  const rows = answer.data.map((upstream) => [
    upstream.name,
    upstream.kind,
    upstream.health.state,
    upstream.tools.total,
    upstream.tools.pinned,
    upstream.tools.pending,
    upstream.health.lastError ?? null,
  ]);
  context.stdout.write(formatTable(['NAME', 'KIND', 'HEALTH', 'TOOLS', 'PINNED', 'PENDING', 'LAST ERROR'], rows));
});

const list = simple(async (context, asJson) => {
  const answer = await createAdminClient(context).call({
    method: 'GET',
    path: '/api/v1/tools',
    schema: listOf(toolSummarySchema),
  });
  if (asJson) return printJson(context, answer);
  if (answer.data.length === 0) return void context.stdout.write('No tools.\n');
  const rows = answer.data.map((tool) => [
    tool.canonicalName,
    tool.state,
    tool.served ? 'yes' : 'no',
    shortDigest(tool.pinnedDigest),
    tool.pinnedBy,
    excerpt(tool.description),
  ]);
  context.stdout.write(formatTable(['TOOL', 'STATE', 'SERVED', 'PINNED', 'BY', 'DESCRIPTION'], rows));
});

const pending = simple(async (context, asJson) => {
  const answer = await createAdminClient(context).call({
    method: 'GET',
    path: '/api/v1/tools/pending',
    schema: listOf(pendingToolSchema),
  });
  if (asJson) return printJson(context, answer);
  if (answer.data.length === 0) return void context.stdout.write('Nothing waits for a decision.\n');
  const rows = answer.data.map((tool) => [
    `${tool.upstream}/${tool.tool}`,
    tool.state,
    shortDigest(tool.digest),
    formatTimestamp(tool.firstSeenAt),
    excerpt(tool.definition.description),
  ]);
  context.stdout.write(formatTable(['TOOL', 'STATE', 'DIGEST', 'SEEN (UTC)', 'DESCRIPTION'], rows));
});

const diff: CommandRun = async (context, args) => {
  const { values, positionals } = parseOrUsage(toolsUsage, () =>
    parseArgs({ args, strict: true, allowPositionals: true, options: { ...help, ...json } }),
  );
  if (values.help === true) return printUsage(context, toolsUsage);
  const [target = ''] = expectPositionals(positionals, ['upstream/tool'], toolsUsage);
  const answer = await createAdminClient(context).call({
    method: 'GET',
    path: toolPath(target, 'diff'),
    schema: toolDiffSchema,
  });
  if (values.json === true) printJson(context, answer);
  else context.stdout.write(formatToolDiff(answer));
  return 0;
};

/** Shows the diff, then decides on its digest: a definition that changed in between is refused by the server. */
const decide =
  (verdict: 'approve' | 'reject'): CommandRun =>
  async (context, args) => {
    const { values, positionals } = parseOrUsage(toolsUsage, () =>
      parseArgs({ args, strict: true, allowPositionals: true, options: decisionOptions }),
    );
    if (values.help === true) return printUsage(context, toolsUsage);
    const [target = ''] = expectPositionals(positionals, ['upstream/tool'], toolsUsage);
    const client = createAdminClient(context);
    const shown = await client.call({ method: 'GET', path: toolPath(target, 'diff'), schema: toolDiffSchema });
    if (values.json !== true) context.stdout.write(formatToolDiff(shown));
    const body = { digest: shown.pendingDigest, as: values.as, comment: values.comment };
    // Only the state is read back: approve answers the tool, reject the pending definition.
    const schema = z.looseObject({ state: z.string() });
    const answer = await client.call({ method: 'POST', path: toolPath(target, verdict), body, schema });
    if (values.json === true) printJson(context, answer);
    else
      context.stdout.write(
        `${verdict === 'approve' ? 'Approved' : 'Rejected'} ${target} at digest ${shown.pendingDigest}.\n`,
      );
    return 0;
  };

const sets = simple(async (context, asJson) => {
  const answer = await createAdminClient(context).call({
    method: 'GET',
    path: '/api/v1/tools/sets',
    schema: listOf(toolSetSummarySchema),
  });
  if (asJson) return printJson(context, answer);
  if (answer.data.length === 0)
    return void context.stdout.write('No tool sets: every caller sees every approved tool.\n');
  const attached = (set: { teams: string[]; agents: string[]; keys: string[] }): string =>
    [
      ...set.teams.map((team) => `team:${team}`),
      ...set.agents.map((agent) => `agent:${agent}`),
      ...set.keys.map((key) => `key:${key}`),
    ].join(',');
  const rows = answer.data.map((set) => [set.name, set.tools.length, attached(set), excerpt(set.description)]);
  context.stdout.write(formatTable(['SET', 'ENTRIES', 'ATTACHED TO', 'DESCRIPTION'], rows));
});

/** `podium tools …`: the tool catalog, its quarantine and the decisions on it. */
export const toolsCommand: CommandGroup = {
  name: 'tools',
  summary: 'list tool upstreams and tools, review and approve new or changed tool definitions',
  usage: toolsUsage,
  run: (context, args) =>
    runSubcommand({
      context,
      args,
      group: 'tools',
      usage: toolsUsage,
      subcommands: {
        upstreams,
        list,
        pending,
        diff,
        approve: decide('approve'),
        reject: decide('reject'),
        sets,
        call: toolsCallCommand,
      },
    }),
};
