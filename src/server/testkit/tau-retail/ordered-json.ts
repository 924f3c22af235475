/**
 * A JSON parser that keeps every object's key order. `JSON.parse` moves integer-like keys (the
 * retail data's item and product ids) to the front in numeric order, which would change what
 * `json.dumps` prints; an object with such a key comes back as a Map instead.
 */

const integerKey = /^(0|[1-9]\d{0,9})$/;
/** The retail data nests five levels deep; a far deeper document is hostile (and would exhaust the stack). */
const maxDepth = 64;

/** Parses JSON text; objects whose keys JS would reorder are Maps, the others plain objects. */
export function parseOrderedJson(text: string): unknown {
  const parser = new OrderedJsonParser(text);
  const value = parser.value();
  parser.end();
  return value;
}

class OrderedJsonParser {
  private index = 0;

  constructor(private readonly text: string) {}

  value(depth = 0): unknown {
    if (depth > maxDepth) throw new SyntaxError(`JSON nested deeper than ${maxDepth} at offset ${this.index}`);
    this.skipSpace();
    const character = this.text[this.index];
    if (character === '{') return this.object(depth);
    if (character === '[') return this.array(depth);
    if (character === '"') return this.string();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
      this.text.slice(this.index, this.index + 400),
    );
    if (literal === null) throw new SyntaxError(`unexpected JSON at offset ${this.index}`);
    this.index += literal[0].length;
    // Python keeps `17` an int and `17.0` a float, and prints them differently: ints become bigints.
    if (/^-?\d+$/.test(literal[0])) return BigInt(literal[0]);
    return JSON.parse(literal[0]) as unknown;
  }

  end(): void {
    this.skipSpace();
    if (this.index !== this.text.length) throw new SyntaxError(`unexpected JSON at offset ${this.index}`);
  }

  private object(depth: number): unknown {
    this.index++;
    const entries: [string, unknown][] = [];
    this.skipSpace();
    if (this.text[this.index] === '}') this.index++;
    else
      for (;;) {
        this.skipSpace();
        const key = this.string();
        this.expect(':');
        entries.push([key, this.value(depth + 1)]);
        if (this.separator('}')) break;
      }
    return entries.some(([key]) => integerKey.test(key) && Number(key) < 2 ** 32 - 1)
      ? new Map(entries)
      : Object.fromEntries(entries);
  }

  private array(depth: number): unknown[] {
    this.index++;
    const items: unknown[] = [];
    this.skipSpace();
    if (this.text[this.index] === ']') this.index++;
    else
      for (;;) {
        items.push(this.value(depth + 1));
        if (this.separator(']')) break;
      }
    return items;
  }

  private string(): string {
    if (this.text[this.index] !== '"') throw new SyntaxError(`expected a string at offset ${this.index}`);
    let end = this.index + 1;
    while (end < this.text.length && this.text[end] !== '"') end += this.text[end] === '\\' ? 2 : 1;
    const literal = this.text.slice(this.index, end + 1);
    this.index = end + 1;
    return JSON.parse(literal) as string;
  }

  /** After a member: true at the closing bracket, false at a comma. */
  private separator(closing: string): boolean {
    this.skipSpace();
    const character = this.text[this.index++];
    if (character === closing) return true;
    if (character === ',') return false;
    throw new SyntaxError(`expected ',' or '${closing}' at offset ${this.index - 1}`);
  }

  private expect(character: string): void {
    this.skipSpace();
    if (this.text[this.index] !== character) throw new SyntaxError(`expected '${character}' at offset ${this.index}`);
    this.index++;
  }

  private skipSpace(): void {
    while (/\s/.test(this.text[this.index] ?? '')) this.index++;
  }
}
