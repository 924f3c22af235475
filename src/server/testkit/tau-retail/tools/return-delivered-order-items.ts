/** return_delivered_order_items: records a return request, refunded to the original method or a gift card. */
import { z } from 'zod';
import { pythonJsonDumps } from '../python-json.js';
import { orderIdParameter, paymentMethodParameter } from '../retail-descriptions.js';
import { writableOrder } from '../retail-database.js';
import { defineRetailTool } from '../retail-tool.js';
import { maxChangedItems, missingItem, sortedIds } from './item-changes.js';
import { answerFaults, hasPaymentMethod, RetailToolFault } from './payment-methods.js';

export const returnDeliveredOrderItems = defineRetailTool({
  name: 'return_delivered_order_items',
  description:
    "Return some items of a delivered order. The order status will be changed to 'return requested'. The agent needs to explain the return detail and ask for explicit user confirmation (yes/no) to proceed. The user will receive follow-up email for how and where to return the item.",
  parameters: {
    type: 'object',
    properties: {
      order_id: orderIdParameter,
      item_ids: {
        type: 'array',
        items: { type: 'string' },
        description:
          "The item ids to be returned, each such as '1008292230'. There could be duplicate items in the list.",
      },
      payment_method_id: paymentMethodParameter,
    },
    required: ['order_id', 'item_ids', 'payment_method_id'],
  },
  readOnly: false,
  arguments: z.strictObject({
    order_id: z.string(),
    item_ids: z.array(z.string()).max(maxChangedItems),
    payment_method_id: z.string(),
  }),
  run(database, args) {
    const order = writableOrder(database, args.order_id);
    if (order === undefined) return 'Error: order not found';
    if (order.status !== 'delivered') return 'Error: non-delivered order cannot be returned';
    return answerFaults(() => {
      if (!hasPaymentMethod(database, order.user_id, args.payment_method_id)) return 'Error: payment method not found';
      const original = order.payment_history[0];
      if (!args.payment_method_id.includes('gift_card')) {
        if (original === undefined) throw new RetailToolFault('list index out of range');
        if (args.payment_method_id !== original.payment_method_id)
          return 'Error: payment method should be either the original payment method or a gift card';
      }
      const missing = missingItem(order, args.item_ids, () => 'Error: some item not found');
      if (missing !== undefined) return missing;
      order.status = 'return requested';
      order.return_items = sortedIds(args.item_ids);
      order.return_payment_method_id = args.payment_method_id;
      return pythonJsonDumps(order);
    });
  },
});
