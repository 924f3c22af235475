/** modify_pending_order_items: swaps items for other variants, charges or refunds the difference, once. */
import { z } from 'zod';
import { pythonJsonDumps } from '../python-json.js';
import { pythonStringRepr } from '../python-string-repr.js';
import { orderIdParameter, paymentMethodParameter } from '../retail-descriptions.js';
import { writableOrder } from '../retail-database.js';
import { defineRetailTool } from '../retail-tool.js';
import { firstItem, maxChangedItems, missingItem, priceDifference, zipIds } from './item-changes.js';
import {
  answerFaults,
  hasPaymentMethod,
  paymentMethodOf,
  RetailToolFault,
  negated,
  roundedSum,
} from './payment-methods.js';

const itemList = (description: string) => ({ type: 'array', items: { type: 'string' }, description });

export const modifyPendingOrderItems = defineRetailTool({
  name: 'modify_pending_order_items',
  description:
    'Modify items in a pending order to new items of the same product type. For a pending order, this function can only be called once. The agent needs to explain the exchange detail and ask for explicit user confirmation (yes/no) to proceed.',
  parameters: {
    type: 'object',
    properties: {
      order_id: orderIdParameter,
      item_ids: itemList(
        "The item ids to be modified, each such as '1008292230'. There could be duplicate items in the list.",
      ),
      new_item_ids: itemList(
        "The item ids to be modified for, each such as '1008292230'. There could be duplicate items in the list. Each new item id should match the item id in the same position and be of the same product.",
      ),
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
    if (order.status !== 'pending') return 'Error: non-pending order cannot be modified';
    return answerFaults(() => {
      const missing = missingItem(order, args.item_ids, (itemId) => `Error: ${itemId} not found`);
      if (missing !== undefined) return missing;
      if (args.item_ids.length !== args.new_item_ids.length)
        return 'Error: the number of items to be exchanged should match';
      const pairs = zipIds(args.item_ids, args.new_item_ids);
      const priced = priceDifference(database, order, pairs);
      if ('error' in priced) return priced.error;
      // Not rounded here, unlike the exchange: the payment records Python's float sum as it is.
      const difference = priced.difference;
      if (!hasPaymentMethod(database, order.user_id, args.payment_method_id)) return 'Error: payment method not found';
      const method = paymentMethodOf(database, order.user_id, args.payment_method_id);
      if (method.source === 'gift_card' && Number(method.balance) < Number(difference))
        return 'Error: insufficient gift card balance to pay for the new item';
      order.payment_history.push({
        transaction_type: difference > 0 ? 'payment' : 'refund',
        amount: typeof difference === 'bigint' ? (difference < 0n ? -difference : difference) : Math.abs(difference),
        payment_method_id: args.payment_method_id,
      });
      if (method.source === 'gift_card') method.balance = roundedSum(method.balance, negated(difference));
      for (const [itemId, newItemId] of pairs) {
        const item = firstItem(order, itemId);
        const variant = database.products.get(item.product_id)?.variants.get(newItemId);
        if (variant === undefined) throw new RetailToolFault(pythonStringRepr(newItemId));
        item.item_id = newItemId;
        item.price = variant.price;
        // Shared with the variant, as in Python; nothing changes options afterwards.
        item.options = variant.options;
      }
      order.status = 'pending (item modified)';
      return pythonJsonDumps(order);
    });
  },
});
