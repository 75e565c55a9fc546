// Writes Parquet files one row group per appended RecordBatch, streaming each group to disk as it comes.
//
// Why not parquet-wasm's own writers: `writeParquet` and `transformParquetStream` both feed batches to arrow-rs'
// ArrowWriter, which merges consecutive batches into row groups of `max_row_group_size` rows; no call flushes a
// row group at a batch boundary, so "one row group per episode" cannot be had from them. Instead each batch is
// encoded by `writeParquet` as a complete single-row-group file in memory; its column-chunk bytes are appended
// to the output file and its row-group metadata (offsets shifted) is kept. close() writes one footer that lists
// every row group. Memory stays at one batch plus the small footers, whatever the file size.

import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import type { RecordBatch } from 'apache-arrow';
import { Table as ArrowTable, tableToIPC } from 'apache-arrow';
import * as pw from 'parquet-wasm';
import { DatasetWriteError } from './dataset-errors.js';
import { FMD, RG, readParquetFooter, relocateColumnChunk } from './parquet-footer.js';
import {
  encodeStruct,
  getField,
  isList,
  isStruct,
  setField,
  type TStruct,
  TType,
  type TValue,
} from './thrift-compact.js';

export interface ParquetEncodeOptions {
  /**
   * Top-level columns that get dictionary encoding. Dictionary encoding is off elsewhere: PNG bytes and float
   * vectors gain nothing from it, and the WASM writer cannot address nested columns individually anyway.
   */
  dictionaryColumns?: readonly string[];
}

/** Encodes one RecordBatch as a complete in-memory Parquet file (snappy, one row group up to 1M rows). */
export function encodeParquet(batch: RecordBatch, options: ParquetEncodeOptions = {}): Uint8Array {
  let builder = new pw.WriterPropertiesBuilder()
    .setCompression(pw.Compression.SNAPPY)
    .setDictionaryEnabled(false)
    // Chunk-level statistics only: page-level ones would add a column index we drop anyway.
    .setStatisticsEnabled(pw.EnabledStatistics.Chunk)
    .setMaxRowGroupSize(1 << 20);
  for (const col of options.dictionaryColumns ?? []) builder = builder.setColumnDictionaryEnabled(col, true);
  const ipc = tableToIPC(new ArrowTable([batch]), 'stream');
  try {
    return pw.writeParquet(pw.Table.fromIPCStream(ipc), builder.build());
  } catch (err) {
    throw new DatasetWriteError('PARQUET_WRITE', `parquet encoding failed: ${String(err)}`);
  }
}

function kvStruct(key: string, value: string): TStruct {
  const enc = new TextEncoder();
  return {
    kind: 'struct',
    fields: [
      { id: 1, type: TType.BINARY, value: enc.encode(key) },
      { id: 2, type: TType.BINARY, value: enc.encode(value) },
    ],
  };
}

/** An open Parquet file under a temporary name; it only appears under its final name once closed. */
export class ParquetFileWriter {
  private offset = 4;
  private template: TStruct | null = null;
  private schemaKey = '';
  private readonly rowGroups: TStruct[] = [];
  private numRows = 0n;
  private closed = false;

  private constructor(
    private readonly handle: FileHandle,
    readonly tmpPath: string,
    readonly finalPath: string,
  ) {}

  /** Creates `finalPath + '.partial'`; lerobot globs `*.parquet`, so a crash leaves nothing it would load. */
  static async create(finalPath: string): Promise<ParquetFileWriter> {
    const tmpPath = `${finalPath}.partial`;
    const handle = await open(tmpPath, 'w');
    await handle.write(new Uint8Array([0x50, 0x41, 0x52, 0x31]));
    return new ParquetFileWriter(handle, tmpPath, finalPath);
  }

  /** Bytes on disk so far (the footer is not counted). */
  get size(): number {
    return this.offset;
  }

  get rowGroupCount(): number {
    return this.rowGroups.length;
  }

  async appendBatch(batch: RecordBatch, options?: ParquetEncodeOptions): Promise<void> {
    await this.appendEncoded(encodeParquet(batch, options));
  }

  /** Appends the row groups of a complete Parquet file produced by `encodeParquet` (same schema every time). */
  async appendEncoded(blob: Uint8Array): Promise<void> {
    if (this.closed) throw new DatasetWriteError('WRITER_CLOSED', `${this.finalPath} is already closed`);
    const footer = readParquetFooter(blob, this.finalPath);
    const schemaBytes = encodeStruct({
      kind: 'struct',
      fields: footer.raw.fields.filter((f) => f.id === FMD.schema),
    });
    const arrowSchema = footer.keyValue.find(([k]) => k === 'ARROW:schema')?.[1] ?? '';
    const key = `${Buffer.from(schemaBytes).toString('base64')}|${arrowSchema}`;
    if (this.template === null) {
      this.template = footer.raw;
      this.schemaKey = key;
    } else if (key !== this.schemaKey) {
      throw new DatasetWriteError(
        'PARQUET_WRITE',
        `${this.finalPath}: a batch has a different schema from the first`,
      );
    }
    let start = Number.POSITIVE_INFINITY;
    let end = 0;
    for (const rg of footer.rowGroups) {
      for (const c of rg.columns) {
        start = Math.min(start, c.start);
        end = Math.max(end, c.start + c.compressedSize);
      }
    }
    if (!Number.isFinite(start)) return; // zero rows: nothing to append
    const delta = this.offset - start;
    const groups = getField(footer.raw, FMD.rowGroups);
    for (const rg of isList(groups) ? groups.items : []) {
      if (!isStruct(rg)) continue;
      const cols = getField(rg, RG.columns);
      for (const cc of isList(cols) ? cols.items : []) {
        // Page indexes live outside the copied range; relocation drops their pointers.
        if (isStruct(cc)) relocateColumnChunk(cc, delta);
      }
      const rgOffset = getField(rg, RG.fileOffset);
      if (typeof rgOffset === 'bigint' && rgOffset > 0n)
        setField(rg, RG.fileOffset, TType.I64, rgOffset + BigInt(delta));
      setField(rg, RG.ordinal, TType.I16, this.rowGroups.length);
      this.rowGroups.push(rg);
    }
    this.numRows += BigInt(footer.numRows);
    const region = blob.subarray(start, end);
    await this.handle.write(region);
    this.offset += region.length;
  }

  /**
   * Writes the footer with `keyValue` entries first (as pyarrow orders them) then the ARROW:schema that keeps
   * fixed_size_list types, flushes to disk and renames the file to its final name.
   */
  async close(keyValue: ReadonlyArray<readonly [string, string]>): Promise<void> {
    if (this.closed) throw new DatasetWriteError('WRITER_CLOSED', `${this.finalPath} is already closed`);
    if (this.template === null)
      throw new DatasetWriteError('PARQUET_WRITE', `${this.finalPath}: no row group was written`);
    this.closed = true;
    const arrowSchema = this.schemaKey.slice(this.schemaKey.indexOf('|') + 1);
    const kvs = [...keyValue.map(([k, v]) => kvStruct(k, v)), kvStruct('ARROW:schema', arrowSchema)];
    const fields = this.template.fields.filter((f) => f.id !== FMD.keyValue);
    const meta: TStruct = { kind: 'struct', fields };
    setField(meta, FMD.numRows, TType.I64, this.numRows);
    setField(meta, FMD.rowGroups, TType.LIST, {
      kind: 'list',
      elemType: TType.STRUCT,
      items: this.rowGroups as TValue[],
    });
    setField(meta, FMD.keyValue, TType.LIST, { kind: 'list', elemType: TType.STRUCT, items: kvs });
    const footer = encodeStruct(meta);
    const tail = new Uint8Array(footer.length + 8);
    tail.set(footer, 0);
    new DataView(tail.buffer).setUint32(footer.length, footer.length, true);
    tail.set([0x50, 0x41, 0x52, 0x31], footer.length + 4);
    await this.handle.write(tail);
    this.offset += tail.length;
    await this.handle.sync();
    await this.handle.close();
    await rename(this.tmpPath, this.finalPath);
  }

  /** Discards the partial file (after an error upstream). */
  async abort(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.close().catch(() => undefined);
    await rm(this.tmpPath, { force: true });
  }
}

/** Writes a whole (small) Parquet file at once: one row group per batch, atomically renamed into place. */
export async function writeParquetFile(
  finalPath: string,
  batches: readonly RecordBatch[],
  keyValue: ReadonlyArray<readonly [string, string]>,
  options?: ParquetEncodeOptions,
): Promise<number> {
  const w = await ParquetFileWriter.create(finalPath);
  try {
    for (const b of batches) await w.appendBatch(b, options);
    await w.close(keyValue);
    return w.size;
  } catch (err) {
    await w.abort();
    throw err;
  }
}
