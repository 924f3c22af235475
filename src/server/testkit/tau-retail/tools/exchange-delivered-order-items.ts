/** exchange_delivered_order_items: records an exchange request with its price difference; nothing is charged yet. */
import { z } from 'zod';
import { pythonRound2 } from '../python-float.js';
import { pythonJsonDumps } from '../python-json.js';
import { orderIdParameter, paymentMethodParameter } from '../retail-descriptions.js';
import { writableOrder } from '../retail-database.js';
import { defineRetailTool } from '../retail-tool.js';
import { maxChangedItems, missingItem, priceDifference, sortedIds, zipIds } from './item-changes.js';
import { answerFaults, hasPaymentMethod, paymentMethodOf } from './payment-methods.js';

export const exchangeDeliveredOrderItems = defineRetailTool({
  name: 'exchange_delivered_order_items',
  description:
    'Exchange items in a delivered order to new items of the same product type. For a delivered order, return or exchange can be only done once by the agent. The agent needs to explain the exchange detail and ask for explicit user confirmation (yes/no) to proceed.',
  parameters: {
    type: 'object',
    properties: {
      order_id: orderIdParameter,
      item_ids: {
        type: 'array',
        items: { type: 'string' },
        description:
          "The item ids to be exchanged, each such as '1008292230'. There could be duplicate items in the list.",
      },
      new_item_ids: {
        type: 'array',
        items: { type: 'string' },
        description:
          "The item ids to be exchanged for, each such as '1008292230'. There could be duplicate items in the list. Each new item id should match the item id in the same position and be of the same product.",
      },
      payment_method_id: paymentMethodParameter,
    },
    required: ['order_id', 'item_ids', 'new_item_ids', 'payment_method_id'],
  },
  readOnly: false,
  arguments: z.strictObject({
    order_id: z.string(),
    item_ids: z.array(z.string()).max(maxChangedItems),
    new_item_ids: z.array(z.string()).max(maxChangedItems),
    payment_method_id: z.string(),
  }),
  run(database, args) {
    const order = writableOrder(database, args.order_id);
    if (order === undefined) return 'Error: order not found';
    if (order.status !== 'delivered') return 'Error: non-delivered order cannot be exchanged';
    return answerFaults(() => {
      const missing = missingItem(order, args.item_ids, (itemId) => `Error: ${itemId} not found`);
      if (missing !== undefined) return missing;
      if (args.item_ids.length !== args.new_item_ids.length)
        return 'Error: the number of items to be exchanged should match';
      const priced = priceDifference(database, order, zipIds(args.item_ids, args.new_item_ids));
      if ('error' in priced) return priced.error;
      // round() keeps Python's int 0 an int when there were no items.
      const difference = typeof priced.difference === 'bigint' ? priced.difference : pythonRound2(priced.difference);
      if (!hasPaymentMethod(database, order.user_id, args.payment_method_id)) return 'Error: payment method not found';
      const method = paymentMethodOf(database, order.user_id, args.payment_method_id);
      if (method.source === 'gift_card' && Number(method.balance) < Number(difference))
        return 'Error: insufficient gift card balance to pay for the price difference';
      order.status = 'exchange requested';
      order.exchange_items = sortedIds(args.item_ids);
      order.exchange_new_items = sortedIds(args.new_item_ids);
      order.exchange_payment_method_id = args.payment_method_id;
      order.exchange_price_difference = difference;
      return pythonJsonDumps(order);
    });
  },
});
