// Builders for apache-arrow column data straight from typed arrays (no per-value boxing), shaped like pyarrow's.

import {
  Binary,
  Bool,
  type Data,
  type DataType,
  Field,
  FixedSizeList,
  Float32,
  Float64,
  Int32,
  Int64,
  List,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Utf8,
} from 'apache-arrow';

/** pyarrow names list children `element` (Parquet-compliant nested types); matching it keeps schemas identical. */
export const LIST_CHILD = 'element';

export type NumericDtype = 'float32' | 'float64' | 'int64' | 'int32' | 'bool';

export function arrowScalarType(dtype: NumericDtype | 'string'): DataType {
  switch (dtype) {
    case 'float32':
      return new Float32();
    case 'float64':
      return new Float64();
    case 'int64':
      return new Int64();
    case 'int32':
      return new Int32();
    case 'bool':
      return new Bool();
    case 'string':
      return new Utf8();
  }
}

/** HF `datasets.Image()` storage: struct<bytes: binary, path: string>, bytes first. */
export function imageStructType(): Struct {
  return new Struct([new Field('bytes', new Binary(), true), new Field('path', new Utf8(), true)]);
}

export function fixedSizeListType(dtype: NumericDtype, size: number): FixedSizeList {
  return new FixedSizeList(size, new Field(LIST_CHILD, arrowScalarType(dtype), true));
}

export function listType(child: DataType): List {
  return new List(new Field(LIST_CHILD, child, true));
}

export type NumericArray = Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array;

/** A flat primitive column; `bool` values come as one byte per value (0/1) and are bit-packed here. */
export function primitiveData(dtype: NumericDtype, values: NumericArray): Data {
  const type = arrowScalarType(dtype);
  if (dtype === 'bool') {
    const bits = new Uint8Array(Math.ceil(values.length / 8));
    for (let i = 0; i < values.length; i++)
      if (values[i]) bits[i >> 3] = (bits[i >> 3] as number) | (1 << (i & 7));
    return makeData({ type: type as Bool, length: values.length, nullCount: 0, data: bits });
  }
  return makeData({
    type: type as Float32,
    length: values.length,
    nullCount: 0,
    data: values as Float32Array,
  });
}

export function fixedSizeListData(dtype: NumericDtype, size: number, values: NumericArray): Data {
  const child = primitiveData(dtype, values);
  return makeData({
    type: fixedSizeListType(dtype, size),
    length: values.length / size,
    nullCount: 0,
    child,
  });
}

/** Variable-length byte strings (Binary) or UTF-8 text (Utf8) from already-encoded chunks. */
export function bytesData(kind: 'binary' | 'utf8', chunks: readonly Uint8Array[]): Data {
  const offsets = new Int32Array(chunks.length + 1);
  let total = 0;
  for (let i = 0; i < chunks.length; i++) {
    total += (chunks[i] as Uint8Array).length;
    if (total > 0x7fffffff) throw new RangeError('a single column chunk exceeds 2 GiB');
    offsets[i + 1] = total;
  }
  const data = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    data.set(c, o);
    o += c.length;
  }
  if (kind === 'binary')
    return makeData({ type: new Binary(), length: chunks.length, nullCount: 0, valueOffsets: offsets, data });
  return makeData({ type: new Utf8(), length: chunks.length, nullCount: 0, valueOffsets: offsets, data });
}

const encoder = new TextEncoder();

export function utf8Data(strings: readonly string[]): Data {
  return bytesData(
    'utf8',
    strings.map((s) => encoder.encode(s)),
  );
}

export function imageStructData(pngs: readonly Uint8Array[], paths: readonly string[]): Data {
  return makeData({
    type: imageStructType(),
    length: pngs.length,
    nullCount: 0,
    children: [bytesData('binary', pngs), utf8Data(paths)],
  });
}

/** A List column whose row i holds child rows offsets[i]..offsets[i+1]. */
export function listData(child: Data, offsets: Int32Array): Data {
  return makeData({
    type: listType(child.type),
    length: offsets.length - 1,
    nullCount: 0,
    valueOffsets: offsets,
    child,
  });
}

/** Lists of equal length `size` per row (offsets 0, size, 2*size, ...). */
export function regularListData(child: Data, rows: number, size: number): Data {
  const offsets = new Int32Array(rows + 1);
  for (let i = 0; i <= rows; i++) offsets[i] = i * size;
  return listData(child, offsets);
}

export interface NamedColumn {
  name: string;
  data: Data;
}

/** A RecordBatch with pyarrow-like fields (all nullable) and schema-level metadata. */
export function recordBatch(
  columns: readonly NamedColumn[],
  metadata: Map<string, string> = new Map(),
): RecordBatch {
  const fields = columns.map((c) => new Field(c.name, c.data.type, true));
  const schema = new Schema(fields, metadata);
  const length = columns[0]?.data.length ?? 0;
  const struct = makeData({
    type: new Struct(fields),
    length,
    nullCount: 0,
    children: columns.map((c) => c.data),
  });
  return new RecordBatch(schema, struct);
}
