/**
 * Turns a child's stderr into bounded log lines: a server that prints megabytes without a newline, or
 * thousands of lines a second, must not grow Podium's memory or drown its log.
 */
const maxLineChars = 1000;
/** Lines logged per window; the rest are counted and reported once the window ends. */
const maxLinesPerWindow = 50;
const windowMs = 10_000;

export interface BoundedLineLogger {
  write(chunk: Buffer | string): void;
  flush(): void;
}

/** A line splitter whose pending line and rate are bounded. */
export function boundedLineLogger(log: (line: string) => void, now: () => number = Date.now): BoundedLineLogger {
  let pending = '';
  let windowStart = now();
  let logged = 0;
  let dropped = 0;

  const emit = (line: string): void => {
    if (line.trim() === '') return;
    const time = now();
    if (time - windowStart >= windowMs) {
      if (dropped > 0) log(`(${dropped} stderr lines dropped)`);
      windowStart = time;
      logged = 0;
      dropped = 0;
    }
    if (logged >= maxLinesPerWindow) {
      dropped += 1;
      return;
    }
    logged += 1;
    log(line.length > maxLineChars ? `${line.slice(0, maxLineChars)}…` : line);
  };

  return {
    write(chunk) {
      pending += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) emit(line);
      // A line with no end in sight is cut rather than held.
      if (pending.length > maxLineChars) {
        emit(pending);
        pending = '';
      }
    },
    flush() {
      emit(pending);
      pending = '';
    },
  };
}
