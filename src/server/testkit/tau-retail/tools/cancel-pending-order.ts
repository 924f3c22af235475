/** cancel_pending_order: refunds every payment (gift cards at once) and marks the order cancelled. */
import { z } from 'zod';
import { pythonJsonDumps } from '../python-json.js';
import type { RetailPayment } from '../retail-database.js';
import { orderIdParameter } from '../retail-descriptions.js';
import { writableOrder } from '../retail-database.js';
import { defineRetailTool } from '../retail-tool.js';
import { addToBalance, answerFaults, paymentMethodOf } from './payment-methods.js';

/** The two reasons the written policy accepts. */
export const cancellationReasons = ['no longer needed', 'ordered by mistake'];

export const cancelPendingOrder = defineRetailTool({
  name: 'cancel_pending_order',
  description:
    "Cancel a pending order. If the order is already processed or delivered, it cannot be cancelled. The agent needs to explain the cancellation detail and ask for explicit user confirmation (yes/no) to proceed. If the user confirms, the order status will be changed to 'cancelled' and the payment will be refunded. The refund will be added to the user's gift card balance immediately if the payment was made using a gift card, otherwise the refund would take 5-7 business days to process. The function returns the order details after the cancellation.",
  parameters: {
    type: 'object',
    properties: {
      order_id: orderIdParameter,
      reason: {
        type: 'string',
        enum: cancellationReasons,
        description: "The reason for cancellation, which should be either 'no longer needed' or 'ordered by mistake'.",
      },
    },
    required: ['order_id', 'reason'],
  },
  readOnly: false,
  arguments: z.strictObject({ order_id: z.string(), reason: z.string() }),
  run(database, { order_id, reason }) {
    const order = writableOrder(database, order_id);
    if (order === undefined) return 'Error: order not found';
    if (order.status !== 'pending') return 'Error: non-pending order cannot be cancelled';
    if (!cancellationReasons.includes(reason)) return 'Error: invalid reason';
    return answerFaults(() => {
      const refunds: RetailPayment[] = [];
      for (const payment of order.payment_history) {
        refunds.push({
          transaction_type: 'refund',
          amount: payment.amount,
          payment_method_id: payment.payment_method_id,
        });
        if (payment.payment_method_id.includes('gift_card'))
          addToBalance(paymentMethodOf(database, order.user_id, payment.payment_method_id), payment.amount);
      }
      order.status = 'cancelled';
      order.cancel_reason = reason;
      order.payment_history.push(...refunds);
      return pythonJsonDumps(order);
    });
  },
});
