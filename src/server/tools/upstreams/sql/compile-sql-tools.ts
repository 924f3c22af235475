import type { SqlStatement, SqlUpstreamConfig } from '../../../../contract/index.js';
import type { ToolDefinition } from '../../index.js';
import { checkSqlStatement } from './check-sql-statement.js';
import { sqlToolDefinition } from './sql-tool-definition.js';

/** A reviewed statement ready to run: its tool, its SQL and its row bound. */
export interface SqlTool {
  readonly definition: ToolDefinition;
  readonly statement: SqlStatement;
  /** The statement's own `maxRows`, else the upstream's. */
  readonly maxRows: number;
}

/**
 * Every statement of the upstream as a tool, sorted by name, `exclude`d ones left out. Checks every statement
 * first, so one bad statement stops the upstream at start rather than at its first call.
 */
export function compileSqlTools(upstream: string, config: SqlUpstreamConfig): SqlTool[] {
  const excluded = new Set(config.exclude);
  return Object.entries(config.statements)
    .map(([name, statement]) => {
      checkSqlStatement(upstream, name, statement);
      return { name, statement };
    })
    .filter(({ name }) => !excluded.has(name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(({ name, statement }) => ({
      definition: sqlToolDefinition(upstream, name, statement),
      statement,
      maxRows: statement.maxRows ?? config.maxRows,
    }));
}
