// A generic Thrift compact-protocol codec, enough to read, edit and re-emit Parquet footers losslessly.

/** Compact-protocol wire types (thrift/doc/specs/thrift-compact-protocol.md). */
export const TType = {
  BOOL: 1,
  BYTE: 3,
  I16: 4,
  I32: 5,
  I64: 6,
  DOUBLE: 7,
  BINARY: 8,
  LIST: 9,
  SET: 10,
  MAP: 11,
  STRUCT: 12,
  UUID: 13,
} as const;

export type TValue = boolean | number | bigint | Uint8Array | TList | TMap | TStruct;

export interface TList {
  kind: 'list';
  elemType: number;
  items: TValue[];
}

export interface TMap {
  kind: 'map';
  keyType: number;
  valType: number;
  entries: Array<[TValue, TValue]>;
}

export interface TField {
  id: number;
  type: number;
  value: TValue;
}

/** A decoded struct keeps every field, known or not, so re-encoding loses nothing. */
export interface TStruct {
  kind: 'struct';
  fields: TField[];
}

/** Raised on malformed input; callers turn it into their own typed error. */
export class ThriftDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ThriftDecodeError';
  }
}

// Deeply nested garbage must fail cleanly instead of overflowing the stack.
const MAX_DEPTH = 64;

class Reader {
  pos: number;
  constructor(
    readonly buf: Uint8Array,
    start: number,
  ) {
    this.pos = start;
  }

  byte(): number {
    if (this.pos >= this.buf.length)
      throw new ThriftDecodeError(`unexpected end of data at byte ${this.pos}`);
    return this.buf[this.pos++] as number;
  }

  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const b = this.byte();
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 70n) throw new ThriftDecodeError('varint too long');
    }
  }

  zigzag(): bigint {
    const n = this.varint();
    return (n >> 1n) ^ -(n & 1n);
  }

  smallInt(): number {
    const v = this.zigzag();
    if (v > 0x7fffffffn || v < -0x80000000n) throw new ThriftDecodeError('32-bit integer out of range');
    return Number(v);
  }

  size(): number {
    const v = this.varint();
    // A container cannot hold more elements than there are bytes left (each costs at least one byte),
    // except booleans packed in field headers, which never appear in containers.
    if (v > BigInt(this.buf.length - this.pos))
      throw new ThriftDecodeError(`container size ${v} exceeds data`);
    return Number(v);
  }

  bytes(n: number): Uint8Array {
    if (this.pos + n > this.buf.length) throw new ThriftDecodeError('binary field runs past end of data');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}

function readValue(r: Reader, type: number, depth: number): TValue {
  if (depth > MAX_DEPTH) throw new ThriftDecodeError('nesting too deep');
  switch (type) {
    case TType.BOOL:
      return r.byte() === 1;
    case TType.BYTE: {
      const b = r.byte();
      return b > 127 ? b - 256 : b;
    }
    case TType.I16:
    case TType.I32:
      return r.smallInt();
    case TType.I64:
      return r.zigzag();
    case TType.DOUBLE: {
      const b = r.bytes(8);
      return new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, true);
    }
    case TType.BINARY:
      return r.bytes(r.size());
    case TType.UUID:
      return r.bytes(16);
    case TType.LIST:
    case TType.SET: {
      const header = r.byte();
      const elemType = header & 0x0f;
      let n = header >> 4;
      if (n === 15) n = r.size();
      const items: TValue[] = [];
      for (let i = 0; i < n; i++) items.push(readValue(r, elemType === 2 ? TType.BOOL : elemType, depth + 1));
      return { kind: 'list', elemType: elemType === 2 ? TType.BOOL : elemType, items };
    }
    case TType.MAP: {
      const n = r.size();
      if (n === 0) return { kind: 'map', keyType: 0, valType: 0, entries: [] };
      const kv = r.byte();
      const keyType = kv >> 4;
      const valType = kv & 0x0f;
      const entries: Array<[TValue, TValue]> = [];
      for (let i = 0; i < n; i++) {
        entries.push([readValue(r, keyType, depth + 1), readValue(r, valType, depth + 1)]);
      }
      return { kind: 'map', keyType, valType, entries };
    }
    case TType.STRUCT:
      return readStructBody(r, depth + 1);
    default:
      throw new ThriftDecodeError(`unknown compact type ${type} at byte ${r.pos}`);
  }
}

function readStructBody(r: Reader, depth: number): TStruct {
  const fields: TField[] = [];
  let lastId = 0;
  for (;;) {
    const header = r.byte();
    if (header === 0) return { kind: 'struct', fields };
    const wireType = header & 0x0f;
    const delta = header >> 4;
    const id = delta === 0 ? r.smallInt() : lastId + delta;
    lastId = id;
    if (wireType === 1 || wireType === 2) {
      fields.push({ id, type: TType.BOOL, value: wireType === 1 });
    } else {
      fields.push({ id, type: wireType, value: readValue(r, wireType, depth) });
    }
  }
}

/** Decodes one struct starting at `start`; returns it and the offset just past it. */
export function decodeStruct(buf: Uint8Array, start = 0): { value: TStruct; end: number } {
  const r = new Reader(buf, start);
  const value = readStructBody(r, 0);
  return { value, end: r.pos };
}

class Writer {
  private chunks: Uint8Array[] = [];
  private cur = new Uint8Array(4096);
  private len = 0;

  byte(b: number): void {
    if (this.len === this.cur.length) {
      this.chunks.push(this.cur);
      this.cur = new Uint8Array(this.cur.length * 2);
      this.len = 0;
    }
    this.cur[this.len++] = b & 0xff;
  }

  varint(v: bigint): void {
    let n = v;
    while (n >= 0x80n) {
      this.byte(Number(n & 0x7fn) | 0x80);
      n >>= 7n;
    }
    this.byte(Number(n));
  }

  zigzag(v: bigint): void {
    this.varint(v >= 0n ? v << 1n : (-v << 1n) - 1n);
  }

  raw(bytes: Uint8Array): void {
    for (const b of bytes) this.byte(b);
  }

  finish(): Uint8Array {
    const parts = [...this.chunks, this.cur.subarray(0, this.len)];
    const total = parts.reduce((s, p) => s + p.length, 0);
    const out = new Uint8Array(total);
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
}

function expectInt(v: TValue): bigint {
  if (typeof v === 'number') return BigInt(v);
  if (typeof v === 'bigint') return v;
  throw new TypeError('expected an integer thrift value');
}

function writeValue(w: Writer, type: number, v: TValue): void {
  switch (type) {
    case TType.BOOL:
      w.byte(v === true ? 1 : 2);
      return;
    case TType.BYTE:
      w.byte(Number(expectInt(v)));
      return;
    case TType.I16:
    case TType.I32:
    case TType.I64:
      w.zigzag(expectInt(v));
      return;
    case TType.DOUBLE: {
      const b = new Uint8Array(8);
      new DataView(b.buffer).setFloat64(0, v as number, true);
      w.raw(b);
      return;
    }
    case TType.BINARY: {
      const bytes = v as Uint8Array;
      w.varint(BigInt(bytes.length));
      w.raw(bytes);
      return;
    }
    case TType.UUID:
      w.raw(v as Uint8Array);
      return;
    case TType.LIST:
    case TType.SET: {
      const list = v as TList;
      const n = list.items.length;
      if (n < 15) w.byte((n << 4) | list.elemType);
      else {
        w.byte(0xf0 | list.elemType);
        w.varint(BigInt(n));
      }
      for (const item of list.items) writeValue(w, list.elemType, item);
      return;
    }
    case TType.MAP: {
      const map = v as TMap;
      w.varint(BigInt(map.entries.length));
      if (map.entries.length === 0) return;
      w.byte((map.keyType << 4) | map.valType);
      for (const [k, val] of map.entries) {
        writeValue(w, map.keyType, k);
        writeValue(w, map.valType, val);
      }
      return;
    }
    case TType.STRUCT:
      writeStructBody(w, v as TStruct);
      return;
    default:
      throw new TypeError(`cannot encode compact type ${type}`);
  }
}

function writeStructBody(w: Writer, s: TStruct): void {
  let lastId = 0;
  // Field ids must be written in ascending order for the delta encoding readers expect.
  const fields = [...s.fields].sort((a, b) => a.id - b.id);
  for (const f of fields) {
    const wireType = f.type === TType.BOOL ? (f.value === true ? 1 : 2) : f.type;
    const delta = f.id - lastId;
    if (delta > 0 && delta <= 15) w.byte((delta << 4) | wireType);
    else {
      w.byte(wireType);
      w.zigzag(BigInt(f.id));
    }
    lastId = f.id;
    if (f.type !== TType.BOOL) writeValue(w, f.type, f.value);
  }
  w.byte(0);
}

export function encodeStruct(s: TStruct): Uint8Array {
  const w = new Writer();
  writeStructBody(w, s);
  return w.finish();
}

export function getField(s: TStruct, id: number): TValue | undefined {
  return s.fields.find((f) => f.id === id)?.value;
}

export function setField(s: TStruct, id: number, type: number, value: TValue): void {
  const existing = s.fields.find((f) => f.id === id);
  if (existing) {
    existing.type = type;
    existing.value = value;
  } else s.fields.push({ id, type, value });
}

export function removeFields(s: TStruct, ids: readonly number[]): void {
  s.fields = s.fields.filter((f) => !ids.includes(f.id));
}

export function isStruct(v: TValue | undefined): v is TStruct {
  return typeof v === 'object' && v !== null && !(v instanceof Uint8Array) && v.kind === 'struct';
}

export function isList(v: TValue | undefined): v is TList {
  return typeof v === 'object' && v !== null && !(v instanceof Uint8Array) && v.kind === 'list';
}
