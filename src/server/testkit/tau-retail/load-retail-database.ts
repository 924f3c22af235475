/** Reads and parses the three retail data files from the shared data directory. */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { PodiumError } from '../../../contract/index.js';
import { parseOrderedJson } from './ordered-json.js';
import {
  freezeRetailDatabase,
  retailOrdersSchema,
  retailProductsSchema,
  retailUsersSchema,
} from './retail-database.js';
import type { RetailDatabase } from './retail-database.js';

/** The files are ~2 MB together; anything far larger is not the benchmark's data. */
const maxFileBytes = 32 * 1024 * 1024;

/** Loads `<directory>/data/{users,products,orders}.json`: the pristine database, frozen; tasks run on `copyRetailDatabase` of it. */
export function loadRetailDatabase(directory: string): RetailDatabase {
  return freezeRetailDatabase({
    users: readDataFile(directory, 'users.json', retailUsersSchema),
    products: readDataFile(directory, 'products.json', retailProductsSchema),
    orders: readDataFile(directory, 'orders.json', retailOrdersSchema),
  });
}

function readDataFile<T extends z.ZodType>(directory: string, name: string, schema: T): z.infer<T> {
  const path = join(directory, 'data', name);
  if (statSync(path).size > maxFileBytes)
    throw new PodiumError('config_invalid', `${name} is larger than ${maxFileBytes} bytes`, { param: name });
  let parsed: unknown;
  try {
    parsed = parseOrderedJson(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new PodiumError('config_invalid', `${name} is not valid JSON`, { param: name, cause: error });
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new PodiumError('config_invalid', `${name}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`, {
      param: name,
    });
  }
  return result.data;
}
