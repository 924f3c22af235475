import { describe, expect, it } from 'vitest';
import { Metrics, otherLabelValue } from './metrics.js';

describe('Metrics label bounds', () => {
  it('keeps at most maxValuesPerLabel values per label and counts the rest as other', () => {
    const metrics = new Metrics({ maxValuesPerLabel: 10 });
    metrics.define('calls_total', 'counter', 'calls');
    for (let index = 0; index < 1000; index += 1)
      metrics.increment('calls_total', { model: `caller-chosen-${index}`, status: '200' });
    const lines = metrics
      .render()
      .split('\n')
      .filter((line) => line.startsWith('calls_total{'));
    expect(lines).toHaveLength(11);
    expect(metrics.value('calls_total', { model: otherLabelValue, status: '200' })).toBe(990);
    expect(metrics.value('calls_total', { model: 'caller-chosen-3', status: '200' })).toBe(1);
  });

  it('never keeps a label value longer than the bound, and keeps the output small', () => {
    const metrics = new Metrics();
    metrics.define('calls_total', 'counter', 'calls');
    metrics.define('level', 'gauge', 'level');
    for (let index = 0; index < 300; index += 1)
      metrics.increment('calls_total', { model: `${index}-${'x'.repeat(100_000)}` });
    metrics.set('level', { name: 'y'.repeat(201) }, 5);
    const text = metrics.render();
    expect(text.length).toBeLessThan(1000);
    expect(metrics.value('calls_total', { model: otherLabelValue })).toBe(300);
    expect(metrics.value('level', { name: otherLabelValue })).toBe(5);
  });

  it('bounds each metric and each label separately', () => {
    const metrics = new Metrics({ maxValuesPerLabel: 2 });
    metrics.define('a', 'counter', 'a');
    metrics.define('b', 'counter', 'b');
    for (const value of ['1', '2', '3']) {
      metrics.increment('a', { x: value, y: 'same' });
      metrics.increment('b', { x: value });
    }
    expect([
      metrics.value('a', { x: '2', y: 'same' }),
      metrics.value('a', { x: 'other', y: 'same' }),
      metrics.value('b', { x: 'other' }),
    ]).toEqual([1, 1, 1]);
  });
});
