/**
 * `podium mcp`: an MCP server on stdio that forwards to a running Podium's `/mcp`, so an agent that
 * only speaks stdio (a desktop client, an IDE) is governed by the same server: same key, policies,
 * approvals, budgets and audit. The CLI talks HTTP only; here through the official MCP client.
 */
import { parseArgs } from 'node:util';
import type { Client } from '@modelcontextprotocol/client';
import type { CallToolResult, ProtocolError, Server } from '@modelcontextprotocol/server';
import type * as ServerSdkModule from '@modelcontextprotocol/server';
import { defaultPodiumUrl } from './admin-client.js';
import type { CliContext, CommandGroup } from './cli-context.js';
import { CliError } from './cli-error.js';
import { parseOrUsage, printUsage } from './parse-command.js';
import { readVersion } from './version.js';

export const mcpUsage = `Usage:
  podium mcp [--url <podium url>] [--key <podium key>] [--agent <name>] [--user <id>]

Serves MCP on stdin/stdout and forwards every request to the running Podium's /mcp, so stdio
clients get the same governed tools. URL: --url or PODIUM_URL (default ${defaultPodiumUrl});
key: --key or PODIUM_KEY (the agent's Podium key, not the admin key). See docs/mcp-endpoint.md.
`;

/** Options shared by `podium mcp` and `podium tools call`. */
export const mcpConnectionOptions = {
  url: { type: 'string' },
  key: { type: 'string' },
  agent: { type: 'string' },
  user: { type: 'string' },
} as const;

export interface McpConnectionValues {
  url?: string | undefined;
  key?: string | undefined;
  agent?: string | undefined;
  user?: string | undefined;
}

/** The official client, connected to `<url>/mcp` in the 2026-07-28 era (approvals ride its input_required rounds). */
export async function connectPodiumMcp(context: CliContext, values: McpConnectionValues): Promise<Client> {
  const key = (values.key ?? context.env.PODIUM_KEY ?? '').trim();
  if (key === '') throw new CliError('no Podium key: pass --key or set PODIUM_KEY (an agent key, not the admin key)');
  const base = (values.url ?? context.env.PODIUM_URL ?? defaultPodiumUrl).trim().replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(`${base}/mcp`);
  } catch {
    throw new CliError(`the Podium URL is not a valid URL: "${base}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new CliError(`the Podium URL must be http(s): "${base}"`);
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (values.agent !== undefined) headers['x-podium-agent'] = values.agent;
  if (values.user !== undefined) headers['x-podium-user'] = values.user;
  // The SDK is loaded by the commands that use it, not by every `podium` run (`podium start` included).
  const { Client, StreamableHTTPClientTransport } = await import('@modelcontextprotocol/client');
  const client = new Client({ name: 'podium-cli', version: readVersion() }, { versionNegotiation: { mode: 'auto' } });
  try {
    await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers }, ...fetchOf(context) }));
  } catch (error) {
    throw new CliError(`cannot open MCP at ${url.href}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return client;
}

const fetchOf = (context: CliContext): { fetch?: typeof fetch } => (context.fetch ? { fetch: context.fetch } : {});

type ServerSdk = typeof ServerSdkModule;

/** A JSON-RPC error from Podium, re-thrown as the same error toward the stdio client. */
function relayed({ ProtocolError, ProtocolErrorCode }: ServerSdk, error: unknown): ProtocolError {
  if (error instanceof Error && 'code' in error && typeof error.code === 'number')
    return new ProtocolError(error.code, error.message);
  return new ProtocolError(ProtocolErrorCode.InternalError, error instanceof Error ? error.message : String(error));
}

/** One stdio-side server: each request is forwarded through `remote`. */
function forwardingServer(sdk: ServerSdk, remote: Client): Server {
  const server = new sdk.Server(
    { name: 'podium', version: readVersion() },
    { capabilities: { tools: { listChanged: true } } },
  );
  server.setRequestHandler('tools/list', async (request) => {
    try {
      return await remote.listTools(request.params);
    } catch (error) {
      throw relayed(sdk, error);
    }
  });
  server.setRequestHandler('tools/call', async (request, context): Promise<CallToolResult> => {
    try {
      return await remote.callTool(
        { name: request.params.name, arguments: request.params.arguments },
        { signal: context.mcpReq.signal },
      );
    } catch (error) {
      throw relayed(sdk, error);
    }
  });
  return server;
}

export const mcpCommand: CommandGroup = {
  name: 'mcp',
  summary: 'serve MCP on stdio, forwarding to the running Podium (governed tools for stdio agents)',
  usage: mcpUsage,
  async run(context, args) {
    const { values } = parseOrUsage(mcpUsage, () =>
      parseArgs({ args, strict: true, options: { help: { type: 'boolean', short: 'h' }, ...mcpConnectionOptions } }),
    );
    if (values.help === true) return printUsage(context, mcpUsage);
    const remote = await connectPodiumMcp(context, values);
    const [sdk, { serveStdio }] = await Promise.all([
      import('@modelcontextprotocol/server'),
      import('@modelcontextprotocol/server/stdio'),
    ]);
    let done: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => (done = resolve));
    const handle = serveStdio(
      () => {
        const server = forwardingServer(sdk, remote);
        server.onclose = () => done();
        return server;
      },
      { onerror: (error) => context.stderr.write(`podium mcp: ${error.message}\n`) },
    );
    const onAbort = () => done();
    context.signal.addEventListener('abort', onAbort, { once: true });
    await closed;
    context.signal.removeEventListener('abort', onAbort);
    await handle.close();
    await remote.close();
    return 0;
  },
};
