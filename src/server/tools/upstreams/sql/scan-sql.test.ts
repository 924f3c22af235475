import { describe, expect, it } from 'vitest';
import { sqlStatementSchema } from '../../../../contract/index.js';
import { checkSqlStatement } from './check-sql-statement.js';
import { scanSql } from './scan-sql.js';

const findPlaceholders = (sql: string): number[] => scanSql(sql).placeholders;

describe('findPlaceholders', () => {
  it('finds each placeholder once, sorted', () => {
    expect(findPlaceholders('SELECT * FROM t WHERE a = $2 AND b = $1 OR c = $2')).toEqual([1, 2]);
    expect(findPlaceholders('SELECT $10::int, $1')).toEqual([1, 10]);
  });

  it('ignores dollars inside literals, identifiers, comments and dollar-quoted bodies', () => {
    const sql = [
      "SELECT '$9', 'it''s $8', E'\\'$7', \"col$6\", $tag$ $5 $tag$, $$ $4 $$, abc$3",
      '-- $2 in a line comment',
      '/* $12 /* nested $13 */ still $14 */ FROM t WHERE x = $1',
    ].join('\n');
    expect(findPlaceholders(sql)).toEqual([1]);
  });
});

describe('scanSql', () => {
  it('tells a second statement after a semicolon from a trailing one or one in text', () => {
    expect(scanSql('SELECT 1; DELETE FROM t').multipleStatements).toBe(true);
    expect(scanSql('SELECT 1;  -- done\n /* end */ ;').multipleStatements).toBe(false);
    expect(scanSql('SELECT \';DROP\', $$;x$$, "a;b" -- ; more').multipleStatements).toBe(false);
  });
});

describe('checkSqlStatement', () => {
  const statement = (sql: string, params: string[]) =>
    sqlStatementSchema.parse({ sql, params: params.map((name) => ({ name })) });

  it('accepts exactly $1..$N', () => {
    expect(() => checkSqlStatement('db', 'ok', statement('SELECT $2, $1', ['a', 'b']))).not.toThrow();
  });

  it('refuses a placeholder beyond the declared params, naming the statement', () => {
    expect(() => checkSqlStatement('db', 'lookup', statement('SELECT $1, $3', ['a', 'b']))).toThrow(
      'tools.upstreams.db.statements.lookup: the SQL uses $3 but 2 parameters are declared',
    );
  });

  it('refuses a declared param the SQL never uses', () => {
    expect(() => checkSqlStatement('db', 'lookup', statement('SELECT $2', ['a', 'b']))).toThrow(
      'parameter "a" is declared as $1 but the SQL never uses $1',
    );
  });

  it('refuses a placeholder hidden in a string as the only use', () => {
    expect(() => checkSqlStatement('db', 'lookup', statement("SELECT '$1'", ['a']))).toThrow('never uses $1');
  });

  it('refuses a second statement', () => {
    expect(() => checkSqlStatement('db', 'sneaky', statement('SELECT $1; DROP TABLE t', ['a']))).toThrow(
      'statements.sneaky: must be exactly one statement',
    );
  });

  it('refuses duplicate parameter names and names that are not tool names', () => {
    expect(() => checkSqlStatement('db', 'dup', statement('SELECT $1, $2', ['a', 'a']))).toThrow(
      'parameter "a" is declared twice',
    );
    expect(() => checkSqlStatement('db', 'two words', statement('SELECT 1', []))).toThrow('statements.two words');
  });
});
