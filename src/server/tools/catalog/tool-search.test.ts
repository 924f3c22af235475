import { describe, expect, it } from 'vitest';
import { createSearchIndex, searchWords } from './tool-search.js';

const tools = [
  { exposedName: 'crm__get_customer', description: 'Gets a customer by id: name, email, tier.' },
  { exposedName: 'orders__list_orders', description: 'Lists the orders of a customer, newest first.' },
  { exposedName: 'orders__cancel_order', description: 'Cancels a pending order and refunds the payment.' },
  { exposedName: 'files__read_file', description: 'Reads a file from the workspace.' },
  { exposedName: 'payments__refund', description: 'Refunds a payment, in full or in part.' },
];

describe('tool search', () => {
  it('splits names at case changes and punctuation, and stems plurals', () => {
    expect(searchWords('getOrderStatus list_orders Categories')).toEqual([
      'get',
      'order',
      'status',
      'list',
      'order',
      'category',
    ]);
  });

  it('ranks the tools whose names and descriptions match the query words best', () => {
    const index = createSearchIndex(tools);
    expect(index.search('cancel an order', 3).map((tool) => tool.exposedName)).toEqual([
      'orders__cancel_order',
      'orders__list_orders',
    ]);
    expect(index.search('refund the payment', 2).map((tool) => tool.exposedName)).toEqual([
      'payments__refund',
      'orders__cancel_order',
    ]);
    expect(index.search('weather forecast', 5)).toEqual([]);
  });

  it('bounds the limit and breaks ties by name', () => {
    const index = createSearchIndex([
      { exposedName: 'b__x', description: 'same words' },
      { exposedName: 'a__x', description: 'same words' },
    ]);
    expect(index.search('same', 0).map((tool) => tool.exposedName)).toEqual(['a__x']);
    expect(index.search('same', 100).map((tool) => tool.exposedName)).toEqual(['a__x', 'b__x']);
  });
});
