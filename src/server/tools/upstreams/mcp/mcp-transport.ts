/**
 * The wire to one MCP server: a child process over stdio, or a Streamable HTTP endpoint. A fresh
 * transport is made for every (re)connect; the session owns its lifetime.
 */
import path from 'node:path';
import type { Stream } from 'node:stream';
import { StreamableHTTPClientTransport, type Transport } from '@modelcontextprotocol/client';
import { StdioClientTransport, getDefaultEnvironment } from '@modelcontextprotocol/client/stdio';
import type { McpUpstreamConfig } from '../../../../contract/index.js';
import { boundedFetch } from './bounded-fetch.js';
import { boundedLineLogger } from './bounded-line-logger.js';

export interface McpTransportOptions {
  /** The directory of podium.yaml: `cwd` is relative to it. */
  readonly baseDir: string;
  readonly log: (line: string) => void;
}

/**
 * Slack above `maxResultBytes` for one message (the JSON-RPC envelope, escaping): a result up to this
 * much larger is read and refused with a clear 502; beyond it the transport itself gives up.
 */
const messageSlackBytes = 4 * 1024 * 1024;

/** A transport for `config`, not yet started (`Client.connect` starts it). */
export function createMcpTransport(config: McpUpstreamConfig, options: McpTransportOptions): Transport {
  if (config.url !== undefined) {
    return new StreamableHTTPClientTransport(new URL(config.url), {
      requestInit: { headers: { ...config.headers } },
      fetch: boundedFetch(config.maxResultBytes + messageSlackBytes),
      // Redirects could carry the configured credentials to another origin.
      redirectPolicy: 'same-origin',
    });
  }
  const [command, ...args] = config.command ?? [];
  if (command === undefined) throw new Error('an mcp upstream needs `command` or `url`');
  const transport = new StdioClientTransport({
    command,
    args,
    // Only the SDK's short allow-list (PATH, HOME, USER, SHELL, TERM, LOGNAME) plus what podium.yaml
    // sets: Podium's own secrets (database URL, provider keys) never reach a third-party server.
    env: { ...getDefaultEnvironment(), ...config.env },
    cwd: path.resolve(options.baseDir, config.cwd ?? '.'),
    stderr: 'pipe',
    maxBufferSize: config.maxResultBytes + messageSlackBytes,
  });
  pipeStderr(transport.stderr, options.log);
  return transport;
}

function pipeStderr(stderr: Stream | null, log: (line: string) => void): void {
  if (stderr === null) return;
  const logger = boundedLineLogger(log);
  stderr.on('data', (chunk: Buffer | string) => logger.write(chunk));
  stderr.on('end', () => logger.flush());
}
