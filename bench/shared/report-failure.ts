/**
 * How a bench reports a failure: the stack on stderr for people, and still one JSON object as the
 * last line of stdout (`{"bench": …, "error": …}`) for whatever reads the figures.
 */
export function reportBenchFailure(bench: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`bench: FAILED: ${error instanceof Error ? (error.stack ?? message) : message}\n`);
  process.stdout.write(`${JSON.stringify({ bench, error: message })}\n`);
}
