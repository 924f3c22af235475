/**
 * Closed-loop load of `tools/call` with the official client: `callers` clients, each on its own connection
 * (its own transport), each making one call after another for the phase's duration. Direct and governed runs
 * use exactly this, so the only difference between them is Podium.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

export interface CallLoadResult {
  callers: number;
  calls: number;
  errors: number;
  elapsedMs: number;
  latenciesMs: number[];
}

export async function connectCaller(url: string, key: string | undefined): Promise<Client> {
  const client = new Client({ name: 'podium-tools-bench', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), {
      requestInit: key === undefined ? {} : { headers: { authorization: `Bearer ${key}` } },
    }),
  );
  return client;
}

export async function runCallLoad(input: {
  clients: readonly Client[];
  tool: string;
  durationMs: number;
}): Promise<CallLoadResult> {
  const latenciesMs: number[] = [];
  let calls = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + input.durationMs;
  await Promise.all(
    input.clients.map(async (client, index) => {
      let sequence = 0;
      while (performance.now() < deadline) {
        const sent = performance.now();
        try {
          const result = await client.callTool({ name: input.tool, arguments: { text: `c${index}-${sequence}` } });
          if (result.isError === true) errors += 1;
          else {
            calls += 1;
            latenciesMs.push(performance.now() - sent);
          }
        } catch {
          errors += 1;
        }
        sequence += 1;
      }
    }),
  );
  return { callers: input.clients.length, calls, errors, elapsedMs: performance.now() - started, latenciesMs };
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(fraction * sorted.length))) - 1] ?? Number.NaN;
}
