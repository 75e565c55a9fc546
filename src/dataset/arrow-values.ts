// Plain-JS views of apache-arrow columns for checks: numbers (int64 as Number), strings, list lengths.

import { type Table, Type, type Vector } from 'apache-arrow';

export function column(table: Table, name: string): Vector | null {
  return table.schema.fields.some((f) => f.name === name) ? table.getChild(name) : null;
}

/** Numeric column as float64 (bigint converted; null rows become NaN), or null when absent or not numeric. */
export function numberColumn(table: Table, name: string): { values: Float64Array; nulls: number } | null {
  const v = column(table, name);
  if (!v) return null;
  const t = v.type as unknown as { typeId: Type; precision?: number };
  const plain = t.typeId === Type.Int || (t.typeId === Type.Float && t.precision !== 0);
  if (plain && v.nullCount === 0) {
    // Fast path: int and float columns come back as one typed array.
    const arr: unknown = v.toArray();
    if (arr instanceof BigInt64Array || arr instanceof BigUint64Array) {
      return { values: Float64Array.from(arr, (x) => Number(x)), nulls: 0 };
    }
    if (ArrayBuffer.isView(arr) && !(arr instanceof DataView)) {
      return { values: Float64Array.from(arr as unknown as ArrayLike<number>), nulls: 0 };
    }
  }
  const out = new Float64Array(v.length);
  let nulls = 0;
  let i = 0;
  for (const x of v) {
    if (x === null || x === undefined) {
      out[i] = Number.NaN;
      nulls++;
    } else if (typeof x === 'bigint') out[i] = Number(x);
    else if (typeof x === 'number') out[i] = x;
    else if (typeof x === 'boolean') out[i] = x ? 1 : 0;
    else return null;
    i++;
  }
  return { values: out, nulls };
}

export function stringColumn(table: Table, name: string): Array<string | null> | null {
  const v = column(table, name);
  if (!v) return null;
  const out: Array<string | null> = [];
  for (const x of v) out.push(typeof x === 'string' ? x : null);
  return out;
}

/** A list<string> column as arrays (null rows stay null). */
export function stringListColumn(table: Table, name: string): Array<string[] | null> | null {
  const v = column(table, name);
  if (!v) return null;
  const out: Array<string[] | null> = [];
  for (const x of v) {
    if (x === null || x === undefined || typeof (x as Vector).toArray !== 'function') out.push(null);
    else out.push([...(x as Vector)].map((s) => String(s)));
  }
  return out;
}

/** Item count of each row of a list column (-1 for null rows). */
export function listLengths(table: Table, name: string): Int32Array | null {
  const v = column(table, name);
  if (!v) return null;
  const out = new Int32Array(v.length);
  let i = 0;
  for (const x of v) out[i++] = x === null || x === undefined ? -1 : (x as Vector).length;
  return out;
}
