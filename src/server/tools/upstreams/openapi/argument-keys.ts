/**
 * The property names of a tool's arguments. A parameter is its bare name (`customerId`, `limit`,
 * `X-Request-Id`) when that cannot be mistaken for anything else, and `<in>.<name>` (`header.id`,
 * `query.page.size`) when it could:
 *   - the same name in two locations (a path `id` and a header `id`);
 *   - the name `body`, which is the JSON request body's property;
 *   - a name containing `.`, so that a bare key never contains a dot.
 * Bare keys have no dot and are unique; qualified keys have one and are unique because OpenAPI
 * makes (location, name) unique; `body` is never a parameter's key. So no two arguments collide,
 * whatever the document declares.
 */
import type { ParameterLocation } from './openapi-operation.js';

export const bodyArgumentKey = 'body';

/** One key per parameter, in the order given. */
export function argumentKeys(parameters: readonly { name: string; in: ParameterLocation }[]): string[] {
  const count = new Map<string, number>();
  for (const parameter of parameters) count.set(parameter.name, (count.get(parameter.name) ?? 0) + 1);
  return parameters.map((parameter) => {
    const bare = count.get(parameter.name) === 1 && parameter.name !== bodyArgumentKey && !parameter.name.includes('.');
    return bare ? parameter.name : `${parameter.in}.${parameter.name}`;
  });
}
