// JSON text exactly as Python's json module prints it, so our metadata files read like lerobot's own.

/** Marks a number that Python holds as a float: it prints as `0.0`, not `0`. */
export class PyFloat {
  constructor(readonly value: number) {}
}

export type PyJson = null | boolean | number | string | PyFloat | PyJson[] | { [key: string]: PyJson };

/** `repr(float)` of CPython: shortest round-trip digits, exponent form below 1e-4 and from 1e16 on. */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Number.POSITIVE_INFINITY) return 'Infinity';
  if (x === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  // toExponential() without an argument yields the shortest digits that round-trip, as repr does.
  const [mant = '', expText = '0'] = x.toExponential().split('e');
  const exp = Number(expText);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp) < 10 ? `0${Math.abs(exp)}` : String(Math.abs(exp));
    return `${neg ? '-' : ''}${m}e${exp < 0 ? '-' : '+'}${e}`;
  }
  let text: string;
  if (exp < 0) text = `0.${'0'.repeat(-exp - 1)}${digits}`;
  else if (digits.length <= exp + 1) text = `${digits}${'0'.repeat(exp + 1 - digits.length)}.0`;
  else text = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  return neg ? `-${text}` : text;
}

function quote(s: string, ensureAscii: boolean): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i] as string;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || (ensureAscii && c > 0x7e)) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

export interface PyDumpOptions {
  /** Like json.dump(indent=N); undefined gives the one-line default with ", " and ": " separators. */
  indent?: number;
  /** Python's default is True (escape non-ASCII); lerobot writes info.json with ensure_ascii=False. */
  ensureAscii?: boolean;
}

/** `json.dumps(value, indent=..., ensure_ascii=...)`. */
export function pythonJsonDumps(value: PyJson, options: PyDumpOptions = {}): string {
  const ensureAscii = options.ensureAscii ?? true;
  const indent = options.indent;
  const emit = (v: PyJson, level: number): string => {
    if (v === null) return 'null';
    if (v === true) return 'true';
    if (v === false) return 'false';
    if (v instanceof PyFloat) return pythonFloatRepr(v.value);
    if (typeof v === 'number') {
      if (!Number.isInteger(v)) return pythonFloatRepr(v);
      return String(v);
    }
    if (typeof v === 'string') return quote(v, ensureAscii);
    const isArray = Array.isArray(v);
    const entries: string[] = isArray
      ? v.map((item) => emit(item, level + 1))
      : Object.entries(v).map(([k, item]) => `${quote(k, ensureAscii)}: ${emit(item, level + 1)}`);
    const [open, close] = isArray ? ['[', ']'] : ['{', '}'];
    if (entries.length === 0) return `${open}${close}`;
    if (indent === undefined) return `${open}${entries.join(', ')}${close}`;
    const pad = ' '.repeat(indent * (level + 1));
    const endPad = ' '.repeat(indent * level);
    return `${open}\n${pad}${entries.join(`,\n${pad}`)}\n${endPad}${close}`;
  };
  return emit(value, 0);
}
