/**
 * A parser for the Python subset τ-bench's task files use: calls with keyword arguments
 * (`Task(...)`, `Action(name=..., kwargs={...})`), strings (adjacent ones concatenated), numbers,
 * lists, dicts, tuples, True/False/None. A call becomes `{ call, args }` for a schema to check.
 */

export type PythonLiteral =
  string | number | boolean | null | PythonLiteral[] | { [key: string]: PythonLiteral } | PythonCall;

export interface PythonCall {
  call: string;
  args: Record<string, PythonLiteral>;
}

/** Deeper nesting than this is not a task file. */
const maxDepth = 64;

/** Parses the value assigned to the first top-level `NAME = ` in `source` (the task list). */
export function parsePythonAssignment(source: string): PythonLiteral {
  const assignment = /^[A-Za-z_]\w*\s*=/m.exec(source);
  if (assignment === null) throw new SyntaxError('no assignment found');
  const parser = new PythonLiteralParser(source, assignment.index + assignment[0].length);
  const value = parser.value(0);
  parser.end();
  return value;
}

class PythonLiteralParser {
  constructor(
    private readonly source: string,
    private index: number,
  ) {}

  value(depth: number): PythonLiteral {
    if (depth > maxDepth) this.fail('nesting too deep');
    this.skip();
    const character = this.source[this.index];
    if (character === '[') return this.sequence(']', depth);
    if (character === '(') return this.sequence(')', depth);
    if (character === '{') return this.dict(depth);
    if (character === '"' || character === "'") return this.strings();
    const number = /^-?\d+(\.\d*)?([eE][+-]?\d+)?/.exec(this.source.slice(this.index, this.index + 64));
    if (number !== null) {
      this.index += number[0].length;
      return Number(number[0]);
    }
    const name = this.name();
    if (name === 'True') return true;
    if (name === 'False') return false;
    if (name === 'None') return null;
    this.skip();
    if (this.source[this.index] !== '(') this.fail(`unknown name ${name}`);
    return this.call(name, depth);
  }

  end(): void {
    this.skip();
    if (this.index < this.source.length) this.fail('trailing text');
  }

  private call(name: string, depth: number): PythonCall {
    this.index++;
    const args: Record<string, PythonLiteral> = {};
    while (!this.closing(')')) {
      const key = this.name();
      this.expect('=');
      args[key] = this.value(depth + 1);
      this.comma(')');
    }
    return { call: name, args };
  }

  private sequence(closer: string, depth: number): PythonLiteral[] {
    this.index++;
    const items: PythonLiteral[] = [];
    while (!this.closing(closer)) {
      items.push(this.value(depth + 1));
      this.comma(closer);
    }
    return items;
  }

  private dict(depth: number): { [key: string]: PythonLiteral } {
    this.index++;
    const entries: [string, PythonLiteral][] = [];
    while (!this.closing('}')) {
      const key = this.value(depth + 1);
      if (typeof key !== 'string') this.fail('dict keys must be strings');
      this.expect(':');
      entries.push([key, this.value(depth + 1)]);
      this.comma('}');
    }
    return Object.fromEntries(entries);
  }

  /** One or more adjacent string literals, concatenated as Python does. */
  private strings(): string {
    let text = '';
    do text += this.string();
    while ((this.skip(), this.source[this.index] === '"' || this.source[this.index] === "'"));
    return text;
  }

  private string(): string {
    const quote = this.source[this.index] ?? '';
    let text = '';
    for (this.index++; this.source[this.index] !== quote; this.index++) {
      const character = this.source[this.index];
      if (character === undefined || character === '\n') this.fail('unterminated string');
      if (character !== '\\') {
        text += character;
        continue;
      }
      const escaped = this.source[++this.index] ?? '';
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '\n': '' };
      if (escaped in simple) text += simple[escaped];
      else if (escaped === 'x' || escaped === 'u') {
        const length = escaped === 'x' ? 2 : 4;
        const hex = this.source.slice(this.index + 1, this.index + 1 + length);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== length) this.fail('bad escape');
        text += String.fromCharCode(parseInt(hex, 16));
        this.index += length;
      } else text += `\\${escaped}`;
    }
    this.index++;
    return text;
  }

  private name(): string {
    this.skip();
    const match = /^[A-Za-z_]\w*/.exec(this.source.slice(this.index, this.index + 128));
    if (match === null) this.fail('expected a name');
    this.index += match[0].length;
    return match[0];
  }

  /** True (and consumed) at the closing bracket. */
  private closing(closer: string): boolean {
    this.skip();
    if (this.source[this.index] !== closer) return false;
    this.index++;
    return true;
  }

  /** After an element: a comma, or the closing bracket left for `closing` to take. */
  private comma(closer: string): void {
    this.skip();
    if (this.source[this.index] === ',') this.index++;
    else if (this.source[this.index] !== closer) this.fail(`expected ',' or '${closer}'`);
  }

  private expect(character: string): void {
    this.skip();
    if (this.source[this.index] !== character) this.fail(`expected '${character}'`);
    this.index++;
  }

  /** Whitespace and comments. */
  private skip(): void {
    for (;;) {
      const character = this.source[this.index];
      if (character === '#') while (this.index < this.source.length && this.source[this.index] !== '\n') this.index++;
      else if (character !== undefined && /\s/.test(character)) this.index++;
      else return;
    }
  }

  private fail(message: string): never {
    const line = this.source.slice(0, this.index).split('\n').length;
    throw new SyntaxError(`${message} at line ${line}`);
  }
}
