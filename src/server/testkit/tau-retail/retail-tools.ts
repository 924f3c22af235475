/** The 16 tools, in τ-bench's ALL_TOOLS order, and a look-up by name. */
import { modifyPendingOrderAddress, modifyUserAddress } from './tools/address-tools.js';
import { cancelPendingOrder } from './tools/cancel-pending-order.js';
import { exchangeDeliveredOrderItems } from './tools/exchange-delivered-order-items.js';
import {
  findUserIdByEmail,
  findUserIdByNameZip,
  getOrderDetails,
  getProductDetails,
  getUserDetails,
  listAllProductTypes,
} from './tools/lookup-tools.js';
import { modifyPendingOrderItems } from './tools/modify-pending-order-items.js';
import { modifyPendingOrderPayment } from './tools/modify-pending-order-payment.js';
import { returnDeliveredOrderItems } from './tools/return-delivered-order-items.js';
import { calculate, think, transferToHumanAgents } from './tools/utility-tools.js';
import type { RetailTool } from './retail-tool.js';

export const retailTools: readonly RetailTool[] = [
  calculate,
  cancelPendingOrder,
  exchangeDeliveredOrderItems,
  findUserIdByEmail,
  findUserIdByNameZip,
  getOrderDetails,
  getProductDetails,
  getUserDetails,
  listAllProductTypes,
  modifyPendingOrderAddress,
  modifyPendingOrderItems,
  modifyPendingOrderPayment,
  modifyUserAddress,
  returnDeliveredOrderItems,
  think,
  transferToHumanAgents,
];

const byName = new Map(retailTools.map((tool) => [tool.name, tool]));

/** The tool named `name`, or undefined. */
export function retailTool(name: string): RetailTool | undefined {
  return byName.get(name);
}
