/** The two address changes: a pending order's shipping address, a user's default address. */
import { z } from 'zod';
import { pythonJsonDumps } from '../python-json.js';
import type { RetailAddress } from '../retail-database.js';
import { addressParameters, orderIdParameter, userIdParameter } from '../retail-descriptions.js';
import { writableOrder, writableUser } from '../retail-database.js';
import { defineRetailTool } from '../retail-tool.js';

const address = z.strictObject({
  address1: z.string(),
  address2: z.string(),
  city: z.string(),
  state: z.string(),
  country: z.string(),
  zip: z.string(),
});

/** The new address dict, keys in the order the Python literal writes them (state before country). */
function newAddress(fields: z.infer<typeof address>): RetailAddress {
  const { address1, address2, city, state, country, zip } = fields;
  return { address1, address2, city, state, country, zip };
}

const addressFields = ['address1', 'address2', 'city', 'state', 'country', 'zip'];

export const modifyPendingOrderAddress = defineRetailTool({
  name: 'modify_pending_order_address',
  description:
    'Modify the shipping address of a pending order. The agent needs to explain the modification detail and ask for explicit user confirmation (yes/no) to proceed.',
  parameters: {
    type: 'object',
    properties: { order_id: orderIdParameter, ...addressParameters },
    required: ['order_id', ...addressFields],
  },
  readOnly: false,
  arguments: address.extend({ order_id: z.string() }),
  run(database, args) {
    const order = writableOrder(database, args.order_id);
    if (order === undefined) return 'Error: order not found';
    if (order.status !== 'pending') return 'Error: non-pending order cannot be modified';
    order.address = newAddress(args);
    return pythonJsonDumps(order);
  },
});

export const modifyUserAddress = defineRetailTool({
  name: 'modify_user_address',
  description:
    'Modify the default address of a user. The agent needs to explain the modification detail and ask for explicit user confirmation (yes/no) to proceed.',
  parameters: {
    type: 'object',
    properties: { user_id: userIdParameter, ...addressParameters },
    required: ['user_id', ...addressFields],
  },
  readOnly: false,
  arguments: address.extend({ user_id: z.string() }),
  run(database, args) {
    const user = writableUser(database, args.user_id);
    if (user === undefined) return 'Error: user not found';
    user.address = newAddress(args);
    return pythonJsonDumps(user);
  },
});
