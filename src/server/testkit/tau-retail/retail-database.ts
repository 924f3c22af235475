/**
 * The retail back office's data (users.json, products.json, orders.json), parsed with zod. Dicts
 * keyed by ids are Maps so their order is the file's (json.dumps prints it); strict objects list
 * their keys in the file's order for the same reason (zod builds its output in shape order).
 */
import { z } from 'zod';

const address = z.strictObject({
  address1: z.string(),
  address2: z.string(),
  city: z.string(),
  country: z.string(),
  state: z.string(),
  zip: z.string(),
});

/** A Python number: a float (`number`) or an int (`bigint`: some gift card balances, a zero-item price difference). */
const pythonNumber = z.union([z.number(), z.bigint()]);

/** A dict keyed by ids, kept in file order. */
function idMap<T extends z.ZodType>(value: T) {
  return z.preprocess(
    (input) =>
      input instanceof Map || typeof input !== 'object' || input === null ? input : new Map(Object.entries(input)),
    z.map(z.string(), value),
  );
}

const paymentMethod = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal('credit_card'), brand: z.string(), last_four: z.string(), id: z.string() }),
  z.strictObject({ source: z.literal('gift_card'), balance: pythonNumber, id: z.string() }),
  z.strictObject({ source: z.literal('paypal'), id: z.string() }),
]);

const user = z.strictObject({
  name: z.strictObject({ first_name: z.string(), last_name: z.string() }),
  address,
  email: z.string(),
  payment_methods: idMap(paymentMethod),
  orders: z.array(z.string()),
});

const variant = z.strictObject({
  item_id: z.string(),
  options: z.record(z.string(), z.string()),
  available: z.boolean(),
  price: z.number(),
});

const product = z.strictObject({ name: z.string(), product_id: z.string(), variants: idMap(variant) });

const orderItem = z.strictObject({
  name: z.string(),
  product_id: z.string(),
  item_id: z.string(),
  price: z.number(),
  options: z.record(z.string(), z.string()),
});

const payment = z.strictObject({
  transaction_type: z.enum(['payment', 'refund']),
  amount: pythonNumber,
  payment_method_id: z.string(),
});

const order = z.strictObject({
  order_id: z.string(),
  user_id: z.string(),
  address,
  items: z.array(orderItem),
  fulfillments: z.array(z.strictObject({ tracking_id: z.array(z.string()), item_ids: z.array(z.string()) })),
  status: z.string(),
  payment_history: z.array(payment),
  // Written by the tools, in this order, after the fields above.
  cancel_reason: z.string().optional(),
  exchange_items: z.array(z.string()).optional(),
  exchange_new_items: z.array(z.string()).optional(),
  exchange_payment_method_id: z.string().optional(),
  exchange_price_difference: pythonNumber.optional(),
  return_items: z.array(z.string()).optional(),
  return_payment_method_id: z.string().optional(),
});

export const retailUsersSchema = idMap(user);
export const retailProductsSchema = idMap(product);
export const retailOrdersSchema = idMap(order);

export type RetailAddress = z.infer<typeof address>;
export type RetailPaymentMethod = z.infer<typeof paymentMethod>;
export type RetailUser = z.infer<typeof user>;
export type RetailProduct = z.infer<typeof product>;
export type RetailOrder = z.infer<typeof order>;
export type RetailOrderItem = z.infer<typeof orderItem>;
export type RetailPayment = z.infer<typeof payment>;

/**
 * The whole back office: what every tool reads and changes, and what the state hash covers.
 * A type, not an interface, so it stays assignable to the index signature of a Python dict.
 */
export type RetailDatabase = {
  users: Map<string, RetailUser>;
  products: Map<string, RetailProduct>;
  orders: Map<string, RetailOrder>;
};

/**
 * A fresh copy for one task, as the benchmark reloads the data per task. Entities (users, products,
 * orders) are frozen and shared between copies; a tool that changes one takes it through
 * `writableOrder` / `writableUser`, which put a private deep copy in its place first. Copies are
 * then cheap, and the state hash can reuse the text of every entity a task left untouched.
 */
export function copyRetailDatabase(database: RetailDatabase): RetailDatabase {
  return { users: new Map(database.users), products: new Map(database.products), orders: new Map(database.orders) };
}

/** Freezes every entity of a freshly loaded database, so a shared one cannot be changed by mistake. */
export function freezeRetailDatabase(database: RetailDatabase): RetailDatabase {
  for (const table of [database.users, database.products, database.orders])
    for (const entity of table.values()) deepFreeze(entity);
  return database;
}

/** The order, made private to this database before a change; undefined when there is none. */
export function writableOrder(database: RetailDatabase, orderId: string): RetailOrder | undefined {
  return writable(database.orders, orderId);
}

/** The user, made private to this database before a change; undefined when there is none. */
export function writableUser(database: RetailDatabase, userId: string): RetailUser | undefined {
  return writable(database.users, userId);
}

function writable<T extends object>(table: Map<string, T>, id: string): T | undefined {
  const entity = table.get(id);
  if (entity === undefined || !Object.isFrozen(entity)) return entity;
  const copy = deepCopy(entity);
  table.set(id, copy);
  return copy;
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  // A Map cannot be frozen; its values are, and nothing sets keys on the shared ones.
  const children = value instanceof Map ? [...value.values()] : Object.values(value);
  Object.freeze(value);
  for (const child of children) deepFreeze(child);
}

function deepCopy<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Map) return new Map([...value].map(([key, item]) => [key, deepCopy(item)])) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => deepCopy(item)) as T;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = deepCopy(item);
  return copy as T;
}
