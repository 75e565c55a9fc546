// Reads a Parquet file into an apache-arrow Table plus its key-value metadata, via parquet-wasm.
//
// Only parquet-wasm's synchronous readParquet()/readSchema() are used: its async ParquetFile reader panics on some
// corrupt pages in a way no caller can catch (see parquet-subset.ts). Every footer is checked by our own parser
// first, so truncated or garbage files become a ParquetReadError before the WASM decoder sees them.

import { open, readFile } from 'node:fs/promises';
import { type Schema, type Table, tableFromIPC } from 'apache-arrow';
import * as pw from 'parquet-wasm';
import { ParquetReadError } from './dataset-errors.js';
import {
  footerBytesNeeded,
  type ParquetFooter,
  parseParquetFooter,
  readParquetFooter,
} from './parquet-footer.js';
import { planSubset } from './parquet-subset.js';

export interface ParquetContents {
  table: Table;
  /** Footer key-value metadata in file order (e.g. `huggingface`, `pandas`, `ARROW:schema`). */
  keyValue: Map<string, string>;
  footer: ParquetFooter;
}

export interface ReadParquetOptions {
  /** Top-level columns to keep; default all. */
  columns?: string[];
  /** Decode only these row groups. */
  rowGroups?: number[];
  /** Decode at most this many rows. */
  limit?: number;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function ioError(path: string, err: unknown): ParquetReadError {
  const code = (err as NodeJS.ErrnoException).code;
  return new ParquetReadError(
    'PARQUET_IO',
    path,
    code === 'ENOENT' ? 'file does not exist' : `cannot read: ${message(err)}`,
  );
}

function decode(bytes: Uint8Array, file: string, options: pw.ReaderOptions = {}): Table {
  try {
    return tableFromIPC(pw.readParquet(bytes, options).intoIPCStream());
  } catch (err) {
    throw new ParquetReadError('PARQUET_CORRUPT', file, `cannot decode: ${message(err)}`);
  }
}

function project(table: Table, columns: readonly string[] | undefined): Table {
  if (!columns) return table;
  return table.select(columns.filter((c) => table.schema.fields.some((f) => f.name === c)));
}

/** Reads and checks only the footer (first 4 bytes and the tail), whatever the file size. */
export async function readParquetFooterFromFile(path: string): Promise<ParquetFooter> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw ioError(path, err);
  }
  try {
    const size = (await handle.stat()).size;
    const head = new Uint8Array(Math.min(4, size));
    await handle.read(head, 0, head.length, 0);
    let tailLen = Math.min(size, 64 * 1024);
    let tail = new Uint8Array(tailLen);
    await handle.read(tail, 0, tailLen, size - tailLen);
    const more = footerBytesNeeded(tail, size);
    if (more > 0) {
      tailLen += more;
      tail = new Uint8Array(tailLen);
      await handle.read(tail, 0, tailLen, size - tailLen);
    }
    return parseParquetFooter(head, tail, size, path);
  } catch (err) {
    if (err instanceof ParquetReadError) throw err;
    throw ioError(path, err);
  } finally {
    await handle.close();
  }
}

/** Reads a whole Parquet file (loaded in memory: meant for metadata tables and files of modest size). */
export async function readParquetFile(
  path: string,
  options: ReadParquetOptions = {},
): Promise<ParquetContents> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (err) {
    throw ioError(path, err);
  }
  return readParquetBytes(bytes, path, options);
}

/** The same for a file already in memory. */
export function readParquetBytes(
  bytes: Uint8Array,
  file: string,
  options: ReadParquetOptions = {},
): ParquetContents {
  const footer = readParquetFooter(bytes, file);
  const o: pw.ReaderOptions = {};
  if (options.rowGroups) o.rowGroups = options.rowGroups;
  if (options.limit !== undefined) o.limit = options.limit;
  const table = project(decode(bytes, file, o), options.columns);
  return { table, keyValue: new Map(footer.keyValue), footer };
}

/**
 * Reads one row group, loading only the byte ranges of the requested columns: memory stays at one row group
 * of those columns whatever the file size. With `columns`, fixed_size_list columns read back as plain lists.
 */
export async function readParquetRowGroup(
  path: string,
  footer: ParquetFooter,
  rowGroup: number,
  columns?: string[],
): Promise<Table> {
  const plan = planSubset(footer, rowGroup, columns);
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    throw ioError(path, err);
  }
  const chunks: Uint8Array[] = [];
  try {
    for (const r of plan.ranges) {
      const buf = new Uint8Array(r.length);
      const { bytesRead } = await handle.read(buf, 0, r.length, r.start);
      if (bytesRead !== r.length)
        throw new ParquetReadError('PARQUET_TRUNCATED', path, `column chunk at ${r.start} is cut short`);
      chunks.push(buf);
    }
  } catch (err) {
    if (err instanceof ParquetReadError) throw err;
    throw ioError(path, err);
  } finally {
    await handle.close();
  }
  return project(decode(plan.build(chunks), path), columns);
}

/**
 * The Arrow schema of a file (from ARROW:schema when present, so fixed_size_list survives) and its footer,
 * read from the footer alone.
 */
export async function readParquetSchema(path: string): Promise<{ schema: Schema; footer: ParquetFooter }> {
  const footer = await readParquetFooterFromFile(path);
  try {
    const mini = planSubset(footer, null).build([]);
    return { schema: tableFromIPC(pw.readSchema(mini).intoIPCStream()).schema, footer };
  } catch (err) {
    throw new ParquetReadError('PARQUET_CORRUPT', path, `cannot decode the schema: ${message(err)}`);
  }
}
