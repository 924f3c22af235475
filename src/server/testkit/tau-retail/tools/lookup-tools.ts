/** The read-only look-ups: users by email or name and zip, an order, a product, a user, the product types. */
import { z } from 'zod';
import { pythonJsonDumps } from '../python-json.js';
import { orderIdParameter, userIdParameter } from '../retail-descriptions.js';
import { defineRetailTool } from '../retail-tool.js';

export const findUserIdByEmail = defineRetailTool({
  name: 'find_user_id_by_email',
  description: 'Find user id by email. If the user is not found, the function will return an error message.',
  parameters: {
    type: 'object',
    properties: { email: { type: 'string', description: "The email of the user, such as 'something@example.com'." } },
    required: ['email'],
  },
  readOnly: true,
  arguments: z.strictObject({ email: z.string() }),
  run(database, { email }) {
    for (const [userId, profile] of database.users)
      if (profile.email.toLowerCase() === email.toLowerCase()) return userId;
    return 'Error: user not found';
  },
});

export const findUserIdByNameZip = defineRetailTool({
  name: 'find_user_id_by_name_zip',
  description:
    'Find user id by first name, last name, and zip code. If the user is not found, the function will return an error message. By default, find user id by email, and only call this function if the user is not found by email or cannot remember email.',
  parameters: {
    type: 'object',
    properties: {
      first_name: { type: 'string', description: "The first name of the customer, such as 'John'." },
      last_name: { type: 'string', description: "The last name of the customer, such as 'Doe'." },
      zip: { type: 'string', description: "The zip code of the customer, such as '12345'." },
    },
    required: ['first_name', 'last_name', 'zip'],
  },
  readOnly: true,
  arguments: z.strictObject({ first_name: z.string(), last_name: z.string(), zip: z.string() }),
  run(database, args) {
    for (const [userId, profile] of database.users)
      if (
        profile.name.first_name.toLowerCase() === args.first_name.toLowerCase() &&
        profile.name.last_name.toLowerCase() === args.last_name.toLowerCase() &&
        profile.address.zip === args.zip
      )
        return userId;
    return 'Error: user not found';
  },
});

export const getOrderDetails = defineRetailTool({
  name: 'get_order_details',
  description: 'Get the status and details of an order.',
  parameters: { type: 'object', properties: { order_id: orderIdParameter }, required: ['order_id'] },
  readOnly: true,
  arguments: z.strictObject({ order_id: z.string() }),
  run(database, { order_id }) {
    const order = database.orders.get(order_id);
    return order === undefined ? 'Error: order not found' : pythonJsonDumps(order);
  },
});

export const getProductDetails = defineRetailTool({
  name: 'get_product_details',
  description: 'Get the inventory details of a product.',
  parameters: {
    type: 'object',
    properties: {
      product_id: {
        type: 'string',
        description: "The product id, such as '6086499569'. Be careful the product id is different from the item id.",
      },
    },
    required: ['product_id'],
  },
  readOnly: true,
  arguments: z.strictObject({ product_id: z.string() }),
  run(database, { product_id }) {
    const product = database.products.get(product_id);
    return product === undefined ? 'Error: product not found' : pythonJsonDumps(product);
  },
});

export const getUserDetails = defineRetailTool({
  name: 'get_user_details',
  description: 'Get the details of a user, including their orders.',
  parameters: { type: 'object', properties: { user_id: userIdParameter }, required: ['user_id'] },
  readOnly: true,
  arguments: z.strictObject({ user_id: z.string() }),
  run(database, { user_id }) {
    const user = database.users.get(user_id);
    return user === undefined ? 'Error: user not found' : pythonJsonDumps(user);
  },
});

export const listAllProductTypes = defineRetailTool({
  name: 'list_all_product_types',
  description:
    'List the name and product id of all product types. Each product type has a variety of different items with unique item ids and options. There are only 50 product types in the store.',
  parameters: { type: 'object', properties: {}, required: [] },
  readOnly: true,
  arguments: z.strictObject({}),
  run(database) {
    // A Map, not an object: a product name could look like an integer and be reordered.
    const byName = new Map<string, string>();
    for (const product of database.products.values()) byName.set(product.name, product.product_id);
    const sorted = [...byName.entries()].sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
    return pythonJsonDumps(new Map(sorted));
  },
});
