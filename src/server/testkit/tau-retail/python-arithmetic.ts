/**
 * `calculate`'s evaluator: Python's `eval` restricted to digits, `+ - * / ( ) .` and spaces, with
 * Python's semantics — exact ints (`bigint`), true division, `//` floor division, `**` power — and
 * Python's error messages for the cases a caller can hit (division by zero, leading zeros, tuples).
 */

type PythonNumber = bigint | number;

/** Thrown with the text Python's exception would print; `calculate` prefixes it with `Error: `. */
export class PythonError extends Error {}

const syntaxError = 'invalid syntax (<string>, line 1)';
/** Beyond this many result bits an int power is refused: Python would compute it, slowly. */
const maxIntegerBits = 100_000;

/** Evaluates an arithmetic expression as Python would; the value is a bigint (int) or a number (float). */
export function evaluatePythonArithmetic(expression: string): PythonNumber {
  const tokens = tokenize(expression);
  // Python reports an empty source on line 0.
  if (tokens.length === 0) throw new PythonError('invalid syntax (<string>, line 0)');
  const parser = new ArithmeticParser(tokens);
  const value = parser.expression();
  if (parser.peek() !== undefined) throw new PythonError(syntaxError);
  return value;
}

/** Python's `float(value)`. */
export function pythonFloat(value: PythonNumber): number {
  if (typeof value === 'number') return value;
  const result = Number(value);
  if (!Number.isFinite(result)) throw new PythonError('int too large to convert to float');
  return result;
}

function tokenize(expression: string): string[] {
  const tokens: string[] = [];
  const pattern = /\s*(\d+\.?\d*|\.\d+|\*\*|\/\/|[-+*/()])/y;
  let index = 0;
  while (index < expression.length) {
    if (/^\s*$/.test(expression.slice(index))) break;
    pattern.lastIndex = index;
    const match = pattern.exec(expression);
    if (match === null) throw new PythonError(syntaxError);
    const token = match[1] ?? '';
    if (/^0\d/.test(token) && !token.includes('.') && !/^0+$/.test(token))
      throw new PythonError(
        'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers (<string>, line 1)',
      );
    tokens.push(token);
    index = pattern.lastIndex;
  }
  return tokens;
}

class ArithmeticParser {
  private index = 0;

  constructor(private readonly tokens: readonly string[]) {}

  peek(): string | undefined {
    return this.tokens[this.index];
  }

  expression(): PythonNumber {
    let value = this.term();
    for (let operator = this.peek(); operator === '+' || operator === '-'; operator = this.peek()) {
      this.index++;
      value = arithmetic(operator, value, this.term());
    }
    return value;
  }

  private term(): PythonNumber {
    let value = this.unary();
    for (
      let operator = this.peek();
      operator === '*' || operator === '/' || operator === '//';
      operator = this.peek()
    ) {
      this.index++;
      value = arithmetic(operator, value, this.unary());
    }
    return value;
  }

  private unary(): PythonNumber {
    const operator = this.peek();
    if (operator === '-' || operator === '+') {
      this.index++;
      const operand = this.unary();
      if (operator === '+') return operand;
      return typeof operand === 'bigint' ? -operand : -operand;
    }
    return this.power();
  }

  private power(): PythonNumber {
    const base = this.atom();
    if (this.peek() !== '**') return base;
    this.index++;
    return power(base, this.unary());
  }

  private atom(): PythonNumber {
    const token = this.tokens[this.index++];
    if (token === undefined) throw new PythonError(syntaxError);
    if (token === '(') {
      if (this.peek() === ')') {
        this.index++;
        throw new PythonError("float() argument must be a string or a real number, not 'tuple'");
      }
      const value = this.expression();
      if (this.tokens[this.index++] !== ')') throw new PythonError(syntaxError);
      return value;
    }
    if (/^[\d.]/.test(token)) return token.includes('.') ? Number(token) : BigInt(token);
    throw new PythonError(syntaxError);
  }
}

function arithmetic(operator: string, left: PythonNumber, right: PythonNumber): PythonNumber {
  if (typeof left === 'bigint' && typeof right === 'bigint') {
    if (operator === '+') return left + right;
    if (operator === '-') return left - right;
    if (operator === '*') return left * right;
    if (right === 0n)
      throw new PythonError(operator === '/' ? 'division by zero' : 'integer division or modulo by zero');
    if (operator === '/') return pythonFloat(left) / pythonFloat(right);
    const quotient = left / right;
    // BigInt division truncates; Python floors.
    return left % right !== 0n && left < 0n !== right < 0n ? quotient - 1n : quotient;
  }
  const a = pythonFloat(left);
  const b = pythonFloat(right);
  if (operator === '+') return a + b;
  if (operator === '-') return a - b;
  if (operator === '*') return a * b;
  if (b === 0) throw new PythonError(operator === '/' ? 'float division by zero' : 'float floor division by zero');
  return operator === '/' ? a / b : Math.floor(a / b);
}

function power(base: PythonNumber, exponent: PythonNumber): PythonNumber {
  if (typeof base === 'bigint' && typeof exponent === 'bigint' && exponent >= 0n) {
    const bits = BigInt(base.toString(2).length);
    if (bits * exponent > BigInt(maxIntegerBits)) throw new PythonError('int too large to convert to float');
    return base ** exponent;
  }
  const a = pythonFloat(base);
  const b = pythonFloat(exponent);
  if (a === 0 && b < 0) throw new PythonError('0.0 cannot be raised to a negative power');
  // A negative base to a fractional power is a complex number in Python, which float() refuses.
  if (a < 0 && !Number.isInteger(b))
    throw new PythonError("float() argument must be a string or a real number, not 'complex'");
  return a ** b;
}
