import { PodiumError, type SqlStatement } from '../../../../contract/index.js';
import { scanSql } from './scan-sql.js';

/** Tool names as MCP clients accept them (the statement's name is the tool's name on the upstream). */
const toolName = /^[A-Za-z0-9_.-]{1,128}$/;

/**
 * Refuses a statement that is more than one, or whose placeholders are not exactly `$1..$N` for its N params: a gap or an extra number
 * would bind a value to the wrong place or leave one unbound, and a parameter the SQL never reads is a review
 * mistake (a row filter that silently filters nothing). Thrown at creation, naming the statement.
 */
export function checkSqlStatement(upstream: string, name: string, statement: SqlStatement): void {
  const fail = (problem: string): never => {
    throw new PodiumError('config_invalid', `tools.upstreams.${upstream}.statements.${name}: ${problem}`);
  };
  if (!toolName.test(name)) fail('the statement name must be letters, digits, "_", "." or "-" (it is the tool name)');
  const seen = new Set<string>();
  for (const param of statement.params) {
    if (seen.has(param.name)) fail(`parameter "${param.name}" is declared twice`);
    seen.add(param.name);
  }
  const scan = scanSql(statement.sql);
  // The extended protocol would refuse it at the first call anyway; said at start, it names the statement.
  if (scan.multipleStatements) fail('must be exactly one statement (text follows a ";")');
  const count = statement.params.length;
  const used = scan.placeholders;
  const beyond = used.find((number) => number < 1 || number > count);
  if (beyond !== undefined) {
    fail(`the SQL uses $${beyond} but ${count} parameter${count === 1 ? ' is' : 's are'} declared`);
  }
  for (let number = 1; number <= count; number += 1) {
    if (!used.includes(number)) {
      fail(
        `parameter "${statement.params[number - 1]?.name ?? ''}" is declared as $${number} but the SQL never uses $${number}`,
      );
    }
  }
}
