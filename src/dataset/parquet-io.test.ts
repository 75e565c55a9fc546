// Low-level pieces: thrift codec, footer checks, typed read errors, row-group stitching.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedSizeListData, primitiveData, recordBatch, utf8Data } from './arrow-build.js';
import { ParquetReadError } from './dataset-errors.js';
import { encodeParquet, ParquetFileWriter } from './parquet-file-writer.js';
import { readParquetFooter } from './parquet-footer.js';
import {
  readParquetBytes,
  readParquetFile,
  readParquetFooterFromFile,
  readParquetRowGroup,
  readParquetSchema,
} from './read-parquet.js';
import { decodeStruct, encodeStruct, type TStruct, TType } from './thrift-compact.js';

function batch(n: number, offset: number) {
  return recordBatch(
    [
      {
        name: 'v',
        data: fixedSizeListData(
          'float32',
          2,
          Float32Array.from({ length: n * 2 }, (_, i) => offset + i),
        ),
      },
      {
        name: 'index',
        data: primitiveData(
          'int64',
          BigInt64Array.from({ length: n }, (_, i) => BigInt(offset + i)),
        ),
      },
      { name: 'name', data: utf8Data(Array.from({ length: n }, (_, i) => `row-${offset + i}`)) },
    ],
    new Map([['note', 'x']]),
  );
}

describe('thrift compact codec', () => {
  it('round-trips every value kind byte for byte', () => {
    const s: TStruct = {
      kind: 'struct',
      fields: [
        { id: 1, type: TType.I32, value: -7 },
        { id: 2, type: TType.BOOL, value: true },
        { id: 3, type: TType.BOOL, value: false },
        { id: 4, type: TType.I64, value: 1n << 40n },
        { id: 5, type: TType.DOUBLE, value: 0.25 },
        { id: 6, type: TType.BINARY, value: new TextEncoder().encode('hé') },
        {
          id: 30,
          type: TType.LIST,
          value: { kind: 'list', elemType: TType.I16, items: Array.from({ length: 20 }, (_, i) => i - 3) },
        },
        {
          id: 31,
          type: TType.STRUCT,
          value: { kind: 'struct', fields: [{ id: 1, type: TType.BYTE, value: -2 }] },
        },
        {
          id: 32,
          type: TType.MAP,
          value: { kind: 'map', keyType: TType.I32, valType: TType.BOOL, entries: [[1, true]] },
        },
      ],
    };
    const bytes = encodeStruct(s);
    const { value, end } = decodeStruct(bytes);
    expect(end).toBe(bytes.length);
    expect(encodeStruct(value)).toEqual(bytes);
    expect(value.fields.find((f) => f.id === 4)?.value).toBe(1n << 40n);
  });

  it('rejects truncated input instead of reading past the end', () => {
    const bytes = encodeStruct({
      kind: 'struct',
      fields: [{ id: 1, type: TType.BINARY, value: new Uint8Array(50) }],
    });
    expect(() => decodeStruct(bytes.subarray(0, 20))).toThrow(/past end|end of data|exceeds data/);
  });
});

describe('parquet footer and reader', () => {
  let dir: string;
  let good: Uint8Array;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'labgen-pq-'));
    good = encodeParquet(batch(5, 0));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('summarises a valid footer', () => {
    const f = readParquetFooter(good, 'mem');
    expect(f.numRows).toBe(5);
    expect(f.rowGroups).toHaveLength(1);
    expect(f.rowGroups[0]?.columns[0]?.codec).toBe('SNAPPY');
  });

  it.each([
    ['empty', new Uint8Array(0), 'PARQUET_TRUNCATED'],
    ['garbage', new TextEncoder().encode('this is not a parquet file at all'), 'PARQUET_NOT_PARQUET'],
    ['truncated', () => good.subarray(0, good.length - 30), 'PARQUET_TRUNCATED'],
    ['half', () => good.subarray(0, good.length >> 1), 'PARQUET_TRUNCATED'],
    [
      'bad footer length',
      () => {
        const b = good.slice();
        new DataView(b.buffer).setUint32(b.length - 8, 0x7fffffff, true);
        return b;
      },
      'PARQUET_CORRUPT',
    ],
    [
      'scrambled footer',
      () => {
        const b = good.slice();
        const len = new DataView(b.buffer).getUint32(b.length - 8, true);
        for (let i = b.length - 8 - len; i < b.length - 8; i += 3) b[i] = 0xff;
        return b;
      },
      'PARQUET_CORRUPT',
    ],
  ] as const)('throws ParquetReadError for %s input, in memory and on disk', async (name, input, code) => {
    const bytes = typeof input === 'function' ? input() : input;
    expect(() => readParquetBytes(bytes, name)).toThrow(ParquetReadError);
    const path = join(dir, `${name.replaceAll(' ', '-')}.parquet`);
    await writeFile(path, bytes);
    const err = await readParquetFile(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParquetReadError);
    expect(err).toMatchObject({ code, file: path });
  });

  it('reports a missing file as PARQUET_IO', async () => {
    await expect(readParquetFile(join(dir, 'nope.parquet'))).rejects.toMatchObject({ code: 'PARQUET_IO' });
  });

  it('stitches batches into one file with one row group each, readable by hyparquet', async () => {
    const path = join(dir, 'stitched.parquet');
    const w = await ParquetFileWriter.create(path);
    await w.appendBatch(batch(3, 0));
    await w.appendBatch(batch(4, 3));
    await w.appendBatch(batch(2, 7));
    await w.close([['note', 'x']]);
    const { readFile } = await import('node:fs/promises');
    const buf = await readFile(path);
    const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    const meta = parquetMetadata(ab);
    expect(meta.row_groups.map((g) => Number(g.num_rows))).toEqual([3, 4, 2]);
    expect(meta.key_value_metadata?.map((kv) => kv.key)).toEqual(['note', 'ARROW:schema']);
    const rows = (await parquetReadObjects({ file: ab })) as Array<Record<string, unknown>>;
    expect(rows.map((r) => r.index)).toEqual(Array.from({ length: 9 }, (_, i) => BigInt(i)));
    expect(rows[8]).toEqual({ v: [9, 10], index: 8n, name: 'row-8' });
    const { table } = await readParquetFile(path, { columns: ['name'] });
    expect(table.schema.fields.map((f) => f.name)).toEqual(['name']);
    expect(table.numRows).toBe(9);
    const full = await readParquetFile(path);
    expect(String(full.table.schema.fields[0]?.type)).toBe('FixedSizeList[2]<Float32>');

    // Row-group reads load only that group's chunks of the requested columns.
    const footer = await readParquetFooterFromFile(path);
    const g1 = await readParquetRowGroup(path, footer, 1, ['name', 'index']);
    expect(g1.schema.fields.map((f) => f.name)).toEqual(['name', 'index']);
    expect(Array.from(g1.getChild('index')?.toArray() as BigInt64Array)).toEqual([3n, 4n, 5n, 6n]);
    const g2 = await readParquetRowGroup(path, footer, 2);
    expect(String(g2.schema.fields[0]?.type)).toBe('FixedSizeList[2]<Float32>');
    expect(g2.getChild('name')?.get(1)).toBe('row-8');
    const { schema } = await readParquetSchema(path);
    expect(schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual([
      'v:FixedSizeList[2]<Float32>',
      'index:Int64',
      'name:Utf8',
    ]);
  });
});
