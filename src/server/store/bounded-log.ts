/** The last lines a child process wrote, kept for the error that explains why it failed. */
export interface BoundedLog {
  /** Appends a chunk of output, split into lines; the oldest lines go once `maxLines` are held. */
  write(chunk: string): void;
  /** The lines held, oldest first. */
  lines(): string[];
}

/** Bounded so a chatty server running for weeks never grows Podium's memory. */
export function createBoundedLog(maxLines = 50): BoundedLog {
  const held: string[] = [];
  let partial = '';
  return {
    write(chunk) {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        // A single line is bounded too: a server can print a very long statement.
        held.push(line.length > 500 ? `${line.slice(0, 500)}…` : line);
        if (held.length > maxLines) held.shift();
      }
      if (partial.length > 500) partial = partial.slice(0, 500);
    },
    lines: () => (partial === '' ? [...held] : [...held, partial]),
  };
}
