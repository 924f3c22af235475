/**
 * A PostgreSQL database as a tool upstream. Only reviewed statements from podium.yaml become tools — the model
 * never writes SQL, it fills typed parameters — and the parameters that scope a statement to its caller
 * (`from: caller.user`…) are bound from the caller's identity, never from the model. Every call is one
 * transaction, read-only unless the statement is a reviewed write, under a statement timeout, reading at most
 * `maxRows + 1` rows and `maxResultBytes` of JSON.
 */
import { PodiumError, type SqlUpstreamConfig } from '../../../../contract/index.js';
import { openExternalPool } from '../../../store/index.js';
import type { CallToolContext, ToolResult, ToolUpstream } from '../../index.js';
import { bindSqlParams } from './bind-sql-params.js';
import { compileSqlTools, type SqlTool } from './compile-sql-tools.js';
import { jsonSafeRow } from './json-safe-value.js';
import { sqlCallFailure } from './sql-call-failure.js';
import { sqlRowsResult } from './sql-rows-result.js';
import { UpstreamHealthTracker } from './upstream-health-tracker.js';

export interface SqlUpstreamOptions {
  /** Health changes, one line each; never carries the connection string. */
  logger?: ((line: string) => void) | undefined;
  /** The clock health reads (tests pass a fake one). */
  now?: (() => Date) | undefined;
}

/** Longest wait for a database connection: a call cannot wait longer for one than it may run. */
const maxConnectWaitMs = 5_000;
/** How much later than the server's statement timeout the client gives up on a silent server. */
const queryTimeoutMarginMs = 2_000;
/** How long after going down a look at the upstream's health probes the database again. */
const retryDownMs = 30_000;

/**
 * Checks every statement (a bad one rejects with `config_invalid` naming it), then returns at once: the pool
 * connects on first use, and a background probe reports health (`connecting` → `ready` or `down`) without
 * holding up the start.
 */
export function createSqlUpstream(
  name: string,
  config: SqlUpstreamConfig,
  options: SqlUpstreamOptions = {},
): Promise<ToolUpstream> {
  // The executor turns a thrown config_invalid into a rejection, as an async factory's callers expect.
  return new Promise((resolve) => resolve(openSqlUpstream(name, config, options)));
}

function openSqlUpstream(name: string, config: SqlUpstreamConfig, options: SqlUpstreamOptions): ToolUpstream {
  const tools = compileSqlTools(name, config);
  const byName = new Map(tools.map((tool) => [tool.definition.name, tool]));
  const definitions = tools.map((tool) => tool.definition);
  const health = new UpstreamHealthTracker({
    label: `SQL upstream "${name}"`,
    logger: options.logger,
    now: options.now,
    retryMs: retryDownMs,
  });
  const pool = openExternalPool({
    url: config.databaseUrl,
    maxConnections: config.connections,
    connectTimeoutMs: Math.min(config.timeoutMs, maxConnectWaitMs),
    // Past the statement timeout, so the server's own cancel (a precise 504) normally comes first.
    queryTimeoutMs: config.timeoutMs + queryTimeoutMarginMs,
    applicationName: `podium-tools:${name}`.slice(0, 63),
  });
  let closing: Promise<void> | undefined;

  /** Runs `work`, keeping health in step with what the database answered. */
  async function observed<T>(work: () => Promise<T>, tool: string): Promise<T | ToolResult> {
    try {
      const value = await work();
      health.set('ready');
      return value;
    } catch (error) {
      const failure = sqlCallFailure(error, { upstream: name, tool, timeoutMs: config.timeoutMs });
      if (failure instanceof PodiumError) {
        if (failure.code === 'upstream_unavailable') health.set('down', 'the database is unreachable');
        else health.set('ready');
        throw failure;
      }
      health.set('ready');
      return failure;
    }
  }

  let probing: Promise<void> | undefined;
  /** One probe at a time; its outcome is only ever health. */
  function probe(): Promise<void> {
    probing ??= observed(() => pool.ping(), 'the health probe')
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        probing = undefined;
      });
    return probing;
  }
  void probe();

  async function call(tool: SqlTool, params: readonly unknown[]): Promise<ToolResult> {
    const rows: Record<string, unknown>[] = [];
    // Both the structured copy and the text copy count; the exact cut is made once the rows are in.
    let bytes = 0;
    const result = await pool.runBounded({
      text: tool.statement.sql,
      params,
      readOnly: !tool.statement.write,
      timeoutMs: config.timeoutMs,
      maxRows: tool.maxRows,
      accept(row) {
        const safe = jsonSafeRow(row);
        bytes += 2 * Buffer.byteLength(JSON.stringify(safe));
        if (bytes > config.maxResultBytes) return false;
        rows.push(safe);
        return true;
      },
    });
    const affectedRows = tool.statement.write ? result.commandRowCount : undefined;
    return sqlRowsResult({ rows, truncated: result.truncated, affectedRows }, config.maxResultBytes);
  }

  return {
    name,
    kind: 'sql',
    listTools: () => Promise.resolve(definitions),
    async callTool(toolName: string, args: Readonly<Record<string, unknown>>, context: CallToolContext) {
      const tool = byName.get(toolName);
      if (tool === undefined) {
        throw new PodiumError('tool_not_found', `SQL upstream "${name}" has no tool "${toolName}"`, { param: 'name' });
      }
      if (closing !== undefined) {
        throw new PodiumError('upstream_unavailable', `SQL upstream "${name}" is closed`);
      }
      // Refusals of the arguments or the caller happen before any connection is taken.
      const params = bindSqlParams(tool.statement, args, context.caller);
      return observed(() => call(tool, params), toolName);
    },
    health() {
      // Re-probed lazily, when someone looks: no timer to keep alive or to clear.
      if (health.retryDue && closing === undefined) void probe();
      return health.current;
    },
    // Statements come from podium.yaml: the list changes only with a reload, which makes a new upstream.
    onToolsChanged: () => () => undefined,
    close(): Promise<void> {
      closing ??= (probing ?? Promise.resolve()).then(async () => {
        await pool.close();
        health.set('closed');
      });
      return closing;
    },
  };
}
