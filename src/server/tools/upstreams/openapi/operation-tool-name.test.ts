import { describe, expect, it } from 'vitest';
import { assignToolNames, sanitiseToolName } from './operation-tool-name.js';

describe('sanitiseToolName', () => {
  it('keeps letters, digits, _ and -, collapses the rest, and caps the length at 128', () => {
    expect(sanitiseToolName('get customer!')).toBe('get_customer');
    expect(sanitiseToolName('get /customers/{id}/notes')).toBe('get_customers_id_notes');
    expect(sanitiseToolName('Orders.v2-list')).toBe('Orders_v2-list');
    expect(sanitiseToolName('///')).toBe('operation');
    expect(sanitiseToolName('a'.repeat(300))).toHaveLength(128);
  });
});

describe('assignToolNames', () => {
  it('lets a valid operationId keep its name, whatever its position, and suffixes the others in order', () => {
    const names = assignToolNames([
      { operationId: undefined, method: 'get', path: '/customers' },
      { operationId: 'get customers', method: 'get', path: '/v2/customers' },
      { operationId: 'get_customers', method: 'get', path: '/v3/customers' },
      { operationId: undefined, method: 'get', path: '/customers/' },
    ]);
    expect(names).toEqual(['get_customers_2', 'get_customers_3', 'get_customers', 'get_customers_4']);
  });

  it('gives the same names for the same operations, and suffixes within 128 characters', () => {
    const long = 'x'.repeat(200);
    const operations = [
      { operationId: long, method: 'get', path: '/a' },
      { operationId: `${long}y`, method: 'get', path: '/b' },
    ];
    const names = assignToolNames(operations);
    expect(names).toEqual(assignToolNames(operations));
    expect(names[0]).toBe('x'.repeat(128));
    expect(names[1]).toBe(`${'x'.repeat(126)}_2`);
  });

  it('names a duplicated operationId twice, distinctly', () => {
    expect(
      assignToolNames([
        { operationId: 'find', method: 'get', path: '/a' },
        { operationId: 'find', method: 'get', path: '/b' },
      ]),
    ).toEqual(['find', 'find_2']);
  });
});
