/**
 * Tool names from operations: `[A-Za-z0-9_-]`, at most 128 characters (what MCP clients and model
 * providers accept). An operationId already in that form is kept as is and wins; others are
 * sanitised (`get customer!` → `get_customer`), and an operation without one is named after its
 * method and path (`get /customers/{id}` → `get_customers_id`). A name already taken gets `_2`,
 * `_3`… in the order operations are given (sorted by path, then method), so the same document
 * always yields the same names.
 */
export const maxToolNameLength = 128;

/** Runs of other characters become one `_`; leading and trailing `_` go; never empty. */
export function sanitiseToolName(text: string): string {
  const name = text
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, maxToolNameLength);
  return name === '' ? 'operation' : name;
}

export interface NamedOperation {
  readonly operationId: string | undefined;
  readonly method: string;
  readonly path: string;
}

/** A unique name for each operation, in the order given. */
export function assignToolNames(operations: readonly NamedOperation[]): string[] {
  const names: (string | undefined)[] = operations.map(() => undefined);
  const taken = new Set<string>();
  operations.forEach((operation, index) => {
    const id = operation.operationId;
    if (id !== undefined && sanitiseToolName(id) === id && !taken.has(id)) {
      names[index] = id;
      taken.add(id);
    }
  });
  return operations.map((operation, index) => {
    const kept = names[index];
    if (kept !== undefined) return kept;
    const base = sanitiseToolName(operation.operationId ?? `${operation.method} ${operation.path}`);
    let name = base;
    for (let suffix = 2; taken.has(name); suffix += 1) {
      const tail = `_${suffix}`;
      name = `${base.slice(0, maxToolNameLength - tail.length)}${tail}`;
    }
    taken.add(name);
    return name;
  });
}
