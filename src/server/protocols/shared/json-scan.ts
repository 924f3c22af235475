/**
 * Cheap looks into JSON text before deciding to parse it. A pass-through stream only needs usage,
 * which sits in one or two frames out of hundreds; scanning the text is far cheaper than parsing each.
 */

const isSpace = (code: number): boolean => code === 32 || code === 9 || code === 10 || code === 13;

/**
 * Whether `json` has the key `"name"` followed by an object (`"usage":{` or `"usage": {`). A false
 * positive (the key inside a string) only costs a parse; a frame with `"usage":null` is skipped.
 */
export function hasObjectField(json: string, name: string): boolean {
  const key = `"${name}"`;
  for (let at = json.indexOf(key); at !== -1; at = json.indexOf(key, at + key.length)) {
    let index = at + key.length;
    while (index < json.length && isSpace(json.charCodeAt(index))) index++;
    if (json.charCodeAt(index) !== 58) continue; // ':' — a value, not a key
    index++;
    while (index < json.length && isSpace(json.charCodeAt(index))) index++;
    if (json.charCodeAt(index) === 123) return true; // '{'
  }
  return false;
}

/** JSON.parse that returns undefined instead of throwing (a frame that is not JSON, such as `[DONE]`). */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
