import { describe, expect, it } from 'vitest';
import { reconnectDelayMs } from './reconnect-delay.js';

describe('reconnectDelayMs', () => {
  it('grows exponentially from 250 ms and is capped at 30 s', () => {
    expect(reconnectDelayMs(0, () => 1)).toBe(250);
    expect(reconnectDelayMs(1, () => 1)).toBe(500);
    expect(reconnectDelayMs(4, () => 1)).toBe(4000);
    expect(reconnectDelayMs(50, () => 1)).toBe(30_000);
  });

  it('keeps half of each step and jitters the other half', () => {
    expect(reconnectDelayMs(0, () => 0)).toBe(125);
    expect(reconnectDelayMs(3, () => 0.5)).toBe(1500);
    expect(reconnectDelayMs(50, () => 0)).toBe(15_000);
    for (let attempt = 0; attempt < 30; attempt += 1) {
      const delay = reconnectDelayMs(attempt);
      expect(delay).toBeGreaterThanOrEqual(125);
      expect(delay).toBeLessThanOrEqual(30_000);
    }
  });
});
