/**
 * Kraken WebSocket v2 sends prices and quantities as JSON numbers, and its book checksum depends
 * on their exact decimal digits. JSON.parse would turn `0.05000` into the float 0.05 (and Node 20
 * has no reviver with access to the source text), so before parsing we rewrite every number token
 * outside strings into a string holding a marker and its exact plain-decimal text, so guards can
 * still tell a number from a quoted string (a wrong type on the wire) and convert the exact text
 * to integer units without a float (DESIGN rule 3). The marker is NUL, which we refuse inside
 * wire strings so it cannot be forged.
 * A tiny scanner is enough: it only has to tell strings from everything else; JSON.parse still
 * validates the structure afterwards, and number tokens are checked against the JSON grammar so
 * the rewrite never turns invalid JSON (e.g. `01`) into valid JSON.
 */

/** Prefix of a parsed number's text; see numberText. */
const NUMBER_MARK = '\u0000';
/** A `\u0000` escape that is not itself escaped (an odd run of backslashes before the `u`). */
const ESCAPED_NUL = /(?:^|[^\\])(?:\\\\)*\\u0000/i;

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const NUMBER_CHAR = /[-+.eE\d]/;

/** The exact plain-decimal text of a JSON number parsed by parseExactJson, else null. */
export function numberText(value: unknown): string | null {
  return typeof value === 'string' && value.startsWith(NUMBER_MARK) ? value.slice(1) : null;
}

/** Parses Kraken JSON with numbers kept as exact texts (read them with numberText); throws. */
export function parseExactJson(text: string): unknown {
  return JSON.parse(quoteNumbers(text)) as unknown;
}

/** Rewrites number tokens outside strings as JSON strings of their plain decimal text. */
export function quoteNumbers(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      const end = stringEnd(text, i);
      const literal = text.slice(i, end);
      if (ESCAPED_NUL.test(literal)) throw new SyntaxError('NUL in a string');
      out += literal;
      i = end;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      let end = i + 1;
      while (end < text.length && NUMBER_CHAR.test(text[end]!)) end++;
      const token = text.slice(i, end);
      if (!JSON_NUMBER.test(token)) throw new SyntaxError(`bad JSON number ${token}`);
      out += `"\\u0000${plainDecimal(token)}"`;
      i = end;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Index just past the string starting at `start` (a quote), honouring backslash escapes. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else i++;
  }
  return text.length;
}

/** A JSON number's text without exponent ("1.5e-7" → "0.00000015"), by moving digits, exactly. */
export function plainDecimal(token: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(token);
  if (!match) return token;
  const [, sign = '', whole = '', fraction = '', exponentText] = match;
  if (exponentText === undefined) return token;
  const exponent = Number(exponentText);
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 400) return token;
  const digits = whole + fraction;
  const point = whole.length + exponent;
  let result: string;
  if (point <= 0) result = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) result = digits + '0'.repeat(point - digits.length);
  else result = `${digits.slice(0, point)}.${digits.slice(point)}`;
  result = result.replace(/^0+(?=\d)/, '');
  return sign + result;
}
