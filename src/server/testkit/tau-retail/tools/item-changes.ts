/**
 * What exchange and modify-items share: checking that the items to change are in the order (with
 * duplicates counted) and that each new item is an available variant of the same product, and the
 * price difference, summed as Python sums it (starting from the int 0, so no items gives an int).
 */
import { pythonStringRepr } from '../python-string-repr.js';
import type { RetailDatabase, RetailOrder, RetailOrderItem } from '../retail-database.js';
import { RetailToolFault } from './payment-methods.js';

/** Exchange and modify-items both accept at most this many items: an order holds a handful. */
export const maxChangedItems = 100;

function countOf(list: readonly string[], value: string): number {
  return list.filter((entry) => entry === value).length;
}

/** The first item with `itemId`, as Python's `[item for item in order["items"] if …][0]`. */
export function firstItem(order: RetailOrder, itemId: string): RetailOrderItem {
  const item = order.items.find((entry) => entry.item_id === itemId);
  if (item === undefined) throw new RetailToolFault('list index out of range');
  return item;
}

/** The error text when some item to change is missing (more times than the order holds it), else undefined. */
export function missingItem(
  order: RetailOrder,
  itemIds: readonly string[],
  message: (itemId: string) => string,
): string | undefined {
  const present = order.items.map((item) => item.item_id);
  const missing = itemIds.find((itemId) => countOf(itemIds, itemId) > countOf(present, itemId));
  return missing === undefined ? undefined : message(missing);
}

/** The price difference, or the error text for a new item that is not an available variant. */
export function priceDifference(
  database: RetailDatabase,
  order: RetailOrder,
  pairs: readonly (readonly [string, string])[],
): { difference: number | bigint } | { error: string } {
  let difference: number | bigint = 0n;
  for (const [itemId, newItemId] of pairs) {
    const item = firstItem(order, itemId);
    const product = database.products.get(item.product_id);
    if (product === undefined) throw new RetailToolFault(pythonStringRepr(item.product_id));
    const variant = product.variants.get(newItemId);
    if (variant === undefined || !variant.available)
      return { error: `Error: new item ${newItemId} not found or available` };
    difference = Number(difference) + (variant.price - item.price);
  }
  return { difference };
}

/** Python's `zip(a, b)`: pairs up to the shorter list. */
export function zipIds(itemIds: readonly string[], newItemIds: readonly string[]): [string, string][] {
  return itemIds.slice(0, newItemIds.length).map((itemId, index) => [itemId, newItemIds[index] ?? '']);
}

/** Python's `sorted(list_of_str)`: by code point, which `<` on ASCII ids matches. */
export function sortedIds(ids: readonly string[]): string[] {
  return [...ids].sort((left, right) => (left < right ? -1 : left > right ? 1 : 0));
}
