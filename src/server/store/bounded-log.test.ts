import { describe, expect, it } from 'vitest';
import { createBoundedLog } from './bounded-log.js';

describe('createBoundedLog', () => {
  it('keeps the last lines only, joins lines split across chunks, and cuts a very long line', () => {
    const log = createBoundedLog(3);
    log.write('one\ntw');
    log.write('o\nthree\nfour\nfi');
    expect(log.lines()).toEqual(['two', 'three', 'four', 'fi']);
    log.write(`${'x'.repeat(600)}\n`);
    expect(log.lines()).toEqual(['three', 'four', `fi${'x'.repeat(498)}…`]);
  });
});
