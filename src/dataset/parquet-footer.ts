// Locating, checking and summarising a Parquet file's footer (FileMetaData) without touching its pages.

import { ParquetReadError } from './dataset-errors.js';
import {
  decodeStruct,
  getField,
  isList,
  isStruct,
  removeFields,
  setField,
  ThriftDecodeError,
  type TStruct,
  TType,
  type TValue,
} from './thrift-compact.js';

const MAGIC = [0x50, 0x41, 0x52, 0x31]; // "PAR1"

/** Field ids of parquet.thrift, named where this module uses them. */
export const FMD = { version: 1, schema: 2, numRows: 3, rowGroups: 4, keyValue: 5, createdBy: 6 } as const;
export const RG = { columns: 1, totalByteSize: 2, numRows: 3, fileOffset: 5, totalCompressed: 6, ordinal: 7 };
export const CC = {
  filePath: 1,
  fileOffset: 2,
  metaData: 3,
  oiOffset: 4,
  oiLength: 5,
  ciOffset: 6,
  ciLength: 7,
};
export const CMD = {
  type: 1,
  pathInSchema: 3,
  codec: 4,
  totalCompressed: 7,
  dataPageOffset: 9,
  indexPageOffset: 10,
  dictPageOffset: 11,
  bloomOffset: 14,
} as const;

export const CODEC_NAMES = ['UNCOMPRESSED', 'SNAPPY', 'GZIP', 'LZO', 'BROTLI', 'LZ4', 'ZSTD', 'LZ4_RAW'];

export interface ColumnChunkSummary {
  path: string[];
  codec: string;
  /** First byte of the chunk (dictionary page if any, else first data page). */
  start: number;
  compressedSize: number;
}

export interface RowGroupSummary {
  numRows: number;
  columns: ColumnChunkSummary[];
}

export interface ParquetFooter {
  /** The raw decoded FileMetaData, for callers that edit and re-encode it. */
  raw: TStruct;
  /** Byte offset where the footer's thrift data starts (= end of the row-group data and page indexes). */
  footerStart: number;
  numRows: number;
  createdBy: string | null;
  keyValue: Array<[string, string]>;
  rowGroups: RowGroupSummary[];
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

function asNumber(v: TValue | undefined): number | undefined {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return v;
  return undefined;
}

function asString(v: TValue | undefined): string | undefined {
  return v instanceof Uint8Array ? utf8.decode(v) : undefined;
}

/**
 * Parses and sanity-checks the footer of a complete Parquet file held in memory. Truncated files, garbage and
 * column chunks pointing outside the file become a ParquetReadError, so that nothing malformed ever reaches the
 * WASM reader.
 */
export function readParquetFooter(bytes: Uint8Array, file: string): ParquetFooter {
  return parseParquetFooter(bytes.subarray(0, 4), bytes, bytes.length, file);
}

/** Bytes of the footer still missing from `tail` (0 when it is complete), or -1 when the file is not Parquet-shaped. */
export function footerBytesNeeded(tail: Uint8Array, fileSize: number): number {
  if (fileSize < 12 || tail.length < 8) return -1;
  const footerLen = new DataView(tail.buffer, tail.byteOffset + tail.length - 8, 4).getUint32(0, true);
  if (footerLen + 8 > fileSize - 4) return -1;
  return Math.max(0, footerLen + 8 - tail.length);
}

/**
 * The same from the first four bytes and a tail of the file (the last `tail.length` bytes of `fileSize`), so
 * large files need not be loaded. Offsets in the result are absolute.
 */
export function parseParquetFooter(
  head: Uint8Array,
  tail: Uint8Array,
  fileSize: number,
  file: string,
): ParquetFooter {
  const n = fileSize;
  const hasHead = MAGIC.every((b, i) => head[i] === b);
  if (n === 0) throw new ParquetReadError('PARQUET_TRUNCATED', file, 'file is empty');
  if (!hasHead)
    throw new ParquetReadError('PARQUET_NOT_PARQUET', file, 'does not start with the PAR1 magic bytes');
  if (n < 12)
    throw new ParquetReadError('PARQUET_TRUNCATED', file, `file is ${n} bytes, too small to be Parquet`);
  const hasTail = MAGIC.every((b, i) => tail[tail.length - 4 + i] === b);
  if (!hasTail) {
    throw new ParquetReadError(
      'PARQUET_TRUNCATED',
      file,
      'does not end with PAR1: the file is truncated or unfinished',
    );
  }
  const footerLen = new DataView(tail.buffer, tail.byteOffset + tail.length - 8, 4).getUint32(0, true);
  const footerStart = n - 8 - footerLen;
  const tailStart = n - tail.length;
  if (footerLen === 0 || footerStart < 4 || footerStart < tailStart) {
    throw new ParquetReadError(
      'PARQUET_CORRUPT',
      file,
      `footer length ${footerLen} does not fit in ${n} bytes`,
    );
  }
  let raw: TStruct;
  try {
    const { value, end } = decodeStruct(tail.subarray(0, tail.length - 8), footerStart - tailStart);
    if (end !== tail.length - 8)
      throw new ThriftDecodeError(`footer ends at ${end + tailStart}, expected ${n - 8}`);
    raw = value;
  } catch (err) {
    const why = err instanceof ThriftDecodeError ? err.message : String(err);
    throw new ParquetReadError('PARQUET_CORRUPT', file, `cannot decode the footer: ${why}`);
  }
  const numRows = asNumber(getField(raw, FMD.numRows));
  const rgList = getField(raw, FMD.rowGroups);
  const schema = getField(raw, FMD.schema);
  if (numRows === undefined || !isList(rgList) || !isList(schema)) {
    throw new ParquetReadError('PARQUET_CORRUPT', file, 'footer lacks num_rows, schema or row_groups');
  }
  const rowGroups: RowGroupSummary[] = [];
  let rowSum = 0;
  for (const [gi, rg] of rgList.items.entries()) {
    const cols = isStruct(rg) ? getField(rg, RG.columns) : undefined;
    const rgRows = isStruct(rg) ? asNumber(getField(rg, RG.numRows)) : undefined;
    if (!isStruct(rg) || !isList(cols) || rgRows === undefined) {
      throw new ParquetReadError('PARQUET_CORRUPT', file, `row group ${gi} is malformed`);
    }
    const columns: ColumnChunkSummary[] = [];
    for (const cc of cols.items) {
      const md = isStruct(cc) ? getField(cc, CC.metaData) : undefined;
      if (!isStruct(md))
        throw new ParquetReadError('PARQUET_CORRUPT', file, `row group ${gi} has a column without metadata`);
      const dataOff = asNumber(getField(md, CMD.dataPageOffset));
      const dictOff = asNumber(getField(md, CMD.dictPageOffset));
      const size = asNumber(getField(md, CMD.totalCompressed));
      const pathList = getField(md, CMD.pathInSchema);
      const path = isList(pathList) ? pathList.items.map((p) => asString(p) ?? '') : [];
      if (dataOff === undefined || size === undefined) {
        throw new ParquetReadError(
          'PARQUET_CORRUPT',
          file,
          `row group ${gi} column ${path.join('.')} lacks offsets`,
        );
      }
      const start = dictOff !== undefined && dictOff > 0 && dictOff < dataOff ? dictOff : dataOff;
      if (start < 4 || size < 0 || start + size > footerStart) {
        throw new ParquetReadError(
          'PARQUET_TRUNCATED',
          file,
          `row group ${gi} column ${path.join('.')} spans bytes ${start}..${start + size}, beyond the data region (${footerStart} bytes)`,
        );
      }
      const codecId = asNumber(getField(md, CMD.codec)) ?? -1;
      columns.push({ path, codec: CODEC_NAMES[codecId] ?? `codec#${codecId}`, start, compressedSize: size });
    }
    rowSum += rgRows;
    rowGroups.push({ numRows: rgRows, columns });
  }
  if (rowSum !== numRows) {
    throw new ParquetReadError(
      'PARQUET_CORRUPT',
      file,
      `row groups hold ${rowSum} rows but the footer says ${numRows}`,
    );
  }
  const keyValue: Array<[string, string]> = [];
  const kvList = getField(raw, FMD.keyValue);
  if (isList(kvList)) {
    for (const kv of kvList.items) {
      if (!isStruct(kv)) continue;
      const k = asString(getField(kv, 1));
      if (k !== undefined) keyValue.push([k, asString(getField(kv, 2)) ?? '']);
    }
  }
  return {
    raw,
    footerStart,
    numRows,
    createdBy: asString(getField(raw, FMD.createdBy)) ?? null,
    keyValue,
    rowGroups,
  };
}

function shiftField(s: TStruct, id: number, delta: number): void {
  const v = getField(s, id);
  if (typeof v === 'bigint' && v > 0n) setField(s, id, TType.I64, v + BigInt(delta));
}

/**
 * Moves a column chunk's metadata by `delta` bytes (its pages are being copied to another offset). Page-index
 * and bloom-filter pointers are dropped: those structures live outside the chunk and are not copied.
 */
export function relocateColumnChunk(cc: TStruct, delta: number): void {
  removeFields(cc, [CC.oiOffset, CC.oiLength, CC.ciOffset, CC.ciLength]);
  shiftField(cc, CC.fileOffset, delta);
  const md = getField(cc, CC.metaData);
  if (isStruct(md)) {
    shiftField(md, CMD.dataPageOffset, delta);
    shiftField(md, CMD.indexPageOffset, delta);
    shiftField(md, CMD.dictPageOffset, delta);
    removeFields(md, [CMD.bloomOffset, CMD.bloomOffset + 1]);
  }
}

/** Start offset of a column chunk's first page (dictionary page if any). */
export function columnChunkStart(cc: TStruct): number {
  const md = getField(cc, CC.metaData);
  if (!isStruct(md)) return 0;
  const dataOff = asNumber(getField(md, CMD.dataPageOffset)) ?? 0;
  const dictOff = asNumber(getField(md, CMD.dictPageOffset));
  return dictOff !== undefined && dictOff > 0 && dictOff < dataOff ? dictOff : dataOff;
}

export function columnChunkSize(cc: TStruct): number {
  const md = getField(cc, CC.metaData);
  return isStruct(md) ? (asNumber(getField(md, CMD.totalCompressed)) ?? 0) : 0;
}

/** Top-level column name of a column chunk (first element of path_in_schema). */
export function columnChunkRoot(cc: TStruct): string {
  const md = getField(cc, CC.metaData);
  const path = isStruct(md) ? getField(md, CMD.pathInSchema) : undefined;
  return isList(path) ? (asString(path.items[0]) ?? '') : '';
}
