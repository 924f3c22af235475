import { describe, expect, it } from 'vitest';
import { boundedLineLogger } from './bounded-line-logger.js';

describe('boundedLineLogger', () => {
  it('splits chunks into lines and cuts a line with no end', () => {
    const lines: string[] = [];
    const logger = boundedLineLogger((line) => lines.push(line));
    logger.write('one\ntw');
    logger.write('o\n');
    logger.write('x'.repeat(5000));
    logger.flush();
    expect(lines[0]).toBe('one');
    expect(lines[1]).toBe('two');
    expect(lines[2]?.length).toBeLessThanOrEqual(1001);
  });

  it('logs at most 50 lines a window and reports how many it dropped', () => {
    let now = 0;
    const lines: string[] = [];
    const logger = boundedLineLogger(
      (line) => lines.push(line),
      () => now,
    );
    logger.write('line\n'.repeat(80));
    expect(lines).toHaveLength(50);
    now += 10_000;
    logger.write('later\n');
    expect(lines.slice(50)).toEqual(['(30 stderr lines dropped)', 'later']);
  });
});
