/** modify_pending_order_payment: pays with another method and refunds the first (gift cards at once). */
import { z } from 'zod';
import { pythonJsonDumps } from '../python-json.js';
import { orderIdParameter, paymentMethodParameter } from '../retail-descriptions.js';
import { writableOrder } from '../retail-database.js';
import { defineRetailTool } from '../retail-tool.js';
import {
  addToBalance,
  answerFaults,
  hasPaymentMethod,
  paymentMethodOf,
  RetailToolFault,
  negated,
  roundedSum,
} from './payment-methods.js';

export const modifyPendingOrderPayment = defineRetailTool({
  name: 'modify_pending_order_payment',
  description:
    'Modify the payment method of a pending order. The agent needs to explain the modification detail and ask for explicit user confirmation (yes/no) to proceed.',
  parameters: {
    type: 'object',
    properties: { order_id: orderIdParameter, payment_method_id: paymentMethodParameter },
    required: ['order_id', 'payment_method_id'],
  },
  readOnly: false,
  arguments: z.strictObject({ order_id: z.string(), payment_method_id: z.string() }),
  run(database, args) {
    const order = writableOrder(database, args.order_id);
    if (order === undefined) return 'Error: order not found';
    if (order.status !== 'pending') return 'Error: non-pending order cannot be modified';
    return answerFaults(() => {
      if (!hasPaymentMethod(database, order.user_id, args.payment_method_id)) return 'Error: payment method not found';
      const first = order.payment_history[0];
      if (order.payment_history.length > 1 || first?.transaction_type !== 'payment') {
        if (first === undefined) throw new RetailToolFault('list index out of range');
        return 'Error: there should be exactly one payment for a pending order';
      }
      if (first.payment_method_id === args.payment_method_id)
        return 'Error: the new payment method should be different from the current one';
      const amount = first.amount;
      const method = paymentMethodOf(database, order.user_id, args.payment_method_id);
      if (method.source === 'gift_card' && Number(method.balance) < Number(amount))
        return 'Error: insufficient gift card balance to pay for the order';
      order.payment_history.push(
        { transaction_type: 'payment', amount, payment_method_id: args.payment_method_id },
        { transaction_type: 'refund', amount, payment_method_id: first.payment_method_id },
      );
      if (method.source === 'gift_card') method.balance = roundedSum(method.balance, negated(amount));
      if (first.payment_method_id.includes('gift_card'))
        addToBalance(paymentMethodOf(database, order.user_id, first.payment_method_id), amount);
      return pythonJsonDumps(order);
    });
  },
});
