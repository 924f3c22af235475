import { beforeAll, describe, expect, it } from 'vitest';
import { loadRetailDatabase } from './load-retail-database.js';
import { copyRetailDatabase } from './retail-database.js';
import type { RetailDatabase } from './retail-database.js';
import { retailDataDirectory, retailDataMissing } from './retail-data-directory.js';
import { retailScenarios } from './retail-scenarios.js';
import { loadRetailTasks } from './retail-tasks.js';
import { retailTool, retailTools } from './retail-tools.js';
import { pythonAvailable, runPythonReference } from './run-python-reference.js';
import { stateHash } from './state-hash.js';

const directory = retailDataDirectory();
if (directory === undefined) console.warn(retailDataMissing);

function run(database: RetailDatabase, calls: readonly { name: string; kwargs: Record<string, unknown> }[]) {
  const copy = copyRetailDatabase(database);
  const texts = calls.map((call) => retailTool(call.name)?.invoke(copy, call.kwargs) ?? `Unknown action ${call.name}`);
  return { texts, hash: stateHash(copy) };
}

describe.skipIf(directory === undefined)('the retail tools', () => {
  let pristine: RetailDatabase;
  beforeAll(() => {
    pristine = loadRetailDatabase(directory ?? '');
  });

  it('are the 16 of ALL_TOOLS, with get_info()s names and required parameters', () => {
    expect(retailTools.map((tool) => tool.name)).toEqual([
      'calculate',
      'cancel_pending_order',
      'exchange_delivered_order_items',
      'find_user_id_by_email',
      'find_user_id_by_name_zip',
      'get_order_details',
      'get_product_details',
      'get_user_details',
      'list_all_product_types',
      'modify_pending_order_address',
      'modify_pending_order_items',
      'modify_pending_order_payment',
      'modify_user_address',
      'return_delivered_order_items',
      'think',
      'transfer_to_human_agents',
    ]);
    expect(retailTool('modify_user_address')?.parameters.required).toEqual([
      'user_id',
      'address1',
      'address2',
      'city',
      'state',
      'country',
      'zip',
    ]);
    expect(retailTool('cancel_pending_order')?.parameters.properties.reason?.enum).toEqual([
      'no longer needed',
      'ordered by mistake',
    ]);
  });

  it('answer the exact texts the Python tools give (read from tools-python)', () => {
    const { texts } = run(pristine, retailScenarios.calculate ?? []);
    expect(texts).toEqual([
      '4.0',
      '3.33',
      'Error: division by zero',
      'Error: float division by zero',
      '3.0',
      '-4.0',
      '1024.0',
      '0.12',
      '0.38',
      'Error: invalid characters in expression',
      'Error: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers (<string>, line 1)',
      'Error: invalid syntax (<string>, line 1)',
      "Error: float() argument must be a string or a real number, not 'tuple'",
      "Error: float() argument must be a string or a real number, not 'complex'",
      '1e+18',
      '0.0',
      '1234.56',
      'Error: invalid syntax (<string>, line 0)',
    ]);
    expect(run(pristine, retailScenarios.refusals ?? []).texts).toEqual([
      'Error: order not found',
      'Error: non-pending order cannot be cancelled',
      'Error: invalid reason',
      'Error: non-pending order cannot be modified',
      'Error: 1 not found',
      'Error: the number of items to be exchanged should match',
      'Error: new item 1 not found or available',
      'Error: the new payment method should be different from the current one',
      'Error: payment method not found',
      'Error: non-delivered order cannot be exchanged',
      'Error: 1 not found',
      'Error: payment method not found',
      'Error: some item not found',
      'Error: user not found',
    ]);
  });

  it("print objects as Python's json.dumps: file key order (integer-like ids too), ', ' and ': ', floats with .0, ASCII escapes", () => {
    const { texts } = run(pristine, [
      ...(retailScenarios.intBalance ?? []),
      ...(retailScenarios.zeroItems ?? []).slice(0, 2),
      ...(retailScenarios.addresses ?? []).slice(0, 1),
      { name: 'get_product_details', kwargs: { product_id: '9523456873' } },
    ]);
    // A gift card balance of int 91 pays 53.43 and gets it back on cancellation: 91.0, a float from then on.
    expect(texts[2]).toContain(
      '"gift_card_3749819": {"source": "gift_card", "balance": 91.0, "id": "gift_card_3749819"}',
    );
    expect(texts[0]).toContain(
      '"payment_history": [{"transaction_type": "payment", "amount": 53.43, "payment_method_id": "credit_card_3577130"}, {"transaction_type": "payment", "amount": 53.43, "payment_method_id": "gift_card_3749819"}, {"transaction_type": "refund", "amount": 53.43, "payment_method_id": "credit_card_3577130"}]',
    );
    // No items: Python's int 0 stays an int; status keeps its place before payment_history.
    expect(texts[3]).toContain('"status": "pending (item modified)", "payment_history": [');
    expect(texts[3]).toMatch(
      /\{"transaction_type": "refund", "amount": 0, "payment_method_id": "gift_card_7219486"\}\]\}$/,
    );
    expect(texts[4]).toMatch(/"exchange_price_difference": 0}$/);
    expect(texts[5]).toContain(
      '"address": {"address1": "1 O\'Hare Way", "address2": "Apt \\"2\\"", "city": "Z\\u00fcrich", "state": "ZH", "country": "CH", "zip": "8001"}',
    );
    expect(texts[6]).toMatch(
      /^\{"name": "T-Shirt", "product_id": "9523456873", "variants": \{"9612497925": \{"item_id": "9612497925", "options": \{"color": "blue", "size": "M", "material": "cotton", "style": "crew neck"\}, "available": true, "price": 50\.88\}/,
    );
  });

  it('leave the pristine data untouched and change only the copy they run on', () => {
    const before = stateHash(pristine);
    const after = run(pristine, retailScenarios.intBalance ?? []);
    expect(after.hash).not.toBe(before);
    expect(stateHash(pristine)).toBe(before);
    expect(stateHash(copyRetailDatabase(pristine))).toBe(before);
  });

  it.skipIf(!pythonAvailable())(
    'match τ-bench’s Python tools text for text and hash for hash, on the crafted calls and the 20 dev tasks (python3 present)',
    () => {
      // All 520 tasks were compared once by hand (0 differences); the Python side takes minutes for all of them.
      const scenarios = [
        ...Object.values(retailScenarios),
        ...loadRetailTasks(directory ?? '').dev.map((task) => task.actions),
      ];
      const expected = runPythonReference(directory ?? '', scenarios);
      expect(scenarios.map((scenario) => run(pristine, scenario))).toEqual(expected);
    },
    180_000,
  );
});
