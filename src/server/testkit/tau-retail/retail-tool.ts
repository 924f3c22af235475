/**
 * One of the back office's 16 tools: the name, description and JSON parameters its Python
 * `get_info()` declares, and `invoke`, which reads and changes the database and answers the text
 * the Python `invoke()` returns (errors included: the benchmark reports them as text, not faults).
 */
import type { z } from 'zod';
import type { RetailDatabase } from './retail-database.js';

/** The JSON Schema of a tool's arguments, as get_info() writes it. */
export interface RetailToolParameters {
  type: 'object';
  properties: Record<string, Record<string, unknown>>;
  required: string[];
}

export interface RetailTool {
  name: string;
  description: string;
  parameters: RetailToolParameters;
  /** True for tools that never change the database (an MCP `readOnlyHint`). */
  readOnly: boolean;
  /** Runs the tool on `database` (changing it in place) and returns the benchmark's text. */
  invoke(database: RetailDatabase, args: unknown): string;
}

export interface RetailToolSpec<Schema extends z.ZodType> extends Omit<RetailTool, 'invoke'> {
  /** Parses the arguments; the JSON Schema above says the same for callers. */
  arguments: Schema;
  run: (database: RetailDatabase, args: z.infer<Schema>) => string;
}

/** A tool whose arguments are parsed before `run` sees them. */
export function defineRetailTool<Schema extends z.ZodType>(spec: RetailToolSpec<Schema>): RetailTool {
  const { arguments: schema, run, ...info } = spec;
  return {
    ...info,
    invoke(database, args) {
      const parsed = schema.safeParse(args);
      if (!parsed.success) {
        // Python would raise a TypeError on a missing or unexpected argument; the env prints it as `Error: …`.
        const issue = parsed.error.issues[0];
        return `Error: ${spec.name}() argument ${issue?.path.join('.') || '(arguments)'}: ${issue?.message ?? 'invalid'}`;
      }
      return run(database, parsed.data);
    },
  };
}
