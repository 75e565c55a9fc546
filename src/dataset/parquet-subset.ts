// Builds small self-contained Parquet files holding one row group (and some columns) of a bigger file.
//
// Why: parquet-wasm's async reader (ParquetFile, the only one with column projection and ranged reads) hits a
// Rust panic on some corrupt pages, which surfaces as an uncaught exception in a WASM callback and leaves the
// read promise pending forever. The synchronous readParquet() reports the same faults as ordinary errors, but
// it needs the whole file in memory and ignores `columns`. Cutting a file into per-row-group, per-column
// "mini files" gives the synchronous reader bounded memory and real projection.

import type { ParquetFooter } from './parquet-footer.js';
import {
  CC,
  columnChunkRoot,
  columnChunkSize,
  columnChunkStart,
  FMD,
  RG,
  relocateColumnChunk,
} from './parquet-footer.js';
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

const MAGIC = new Uint8Array([0x50, 0x41, 0x52, 0x31]);
const utf8 = new TextDecoder();

export interface ByteRange {
  start: number;
  length: number;
}

/** Deep copy of a decoded thrift value (keeps Uint8Array and bigint). */
function clone<T extends TValue>(v: T): T {
  return structuredClone(v);
}

function schemaElements(footer: ParquetFooter): TStruct[] {
  const list = getField(footer.raw, FMD.schema);
  return isList(list) ? list.items.filter(isStruct) : [];
}

function elementName(e: TStruct): string {
  const n = getField(e, 4);
  return n instanceof Uint8Array ? utf8.decode(n) : '';
}

function numChildren(e: TStruct): number {
  const n = getField(e, 5);
  return typeof n === 'number' ? n : 0;
}

/** Schema elements of the selected top-level columns (whole subtrees), with the root's child count updated. */
function projectSchema(elements: TStruct[], keep: ReadonlySet<string>): TStruct[] {
  const root = elements[0];
  if (!root) return [];
  const out: TStruct[] = [];
  let i = 1;
  // Size of the subtree starting at index i (depth-first, num_children tells how many children follow).
  const subtreeEnd = (start: number): number => {
    let end = start + 1;
    for (let c = 0; c < numChildren(elements[start] as TStruct); c++) end = subtreeEnd(end);
    return end;
  };
  let kept = 0;
  for (let c = 0; c < numChildren(root) && i < elements.length; c++) {
    const end = subtreeEnd(i);
    if (keep.has(elementName(elements[i] as TStruct))) {
      out.push(...elements.slice(i, end));
      kept++;
    }
    i = end;
  }
  const newRoot = clone(root);
  setField(newRoot, 5, TType.I32, kept);
  return [newRoot, ...out];
}

export interface SubsetPlan {
  /** Byte ranges of the source file to copy, in order. */
  ranges: ByteRange[];
  /** Assembles the mini file from the bytes of `ranges` (same order). */
  build(chunks: readonly Uint8Array[]): Uint8Array;
}

/**
 * Plans a mini file with row group `rowGroup` (or none, for a schema-only file) restricted to `columns` (top-level
 * names; undefined keeps all). With a projection the ARROW:schema entry is dropped, because it would no longer
 * match; types then come from the Parquet schema (a fixed_size_list reads back as a list).
 */
export function planSubset(
  footer: ParquetFooter,
  rowGroup: number | null,
  columns?: readonly string[],
): SubsetPlan {
  const keep = columns ? new Set(columns) : null;
  const groups = getField(footer.raw, FMD.rowGroups);
  const source = rowGroup === null || !isList(groups) ? undefined : groups.items[rowGroup];
  const rg = isStruct(source) ? clone(source) : null;
  const ranges: ByteRange[] = [];
  const keptChunks: TStruct[] = [];
  const keptLeaves: number[] = [];
  const allChunks =
    rg && isList(getField(rg, RG.columns)) ? (getField(rg, RG.columns) as { items: TValue[] }).items : [];
  for (const [leaf, cc] of allChunks.entries()) {
    if (!isStruct(cc)) continue;
    if (keep && !keep.has(columnChunkRoot(cc))) continue;
    keptLeaves.push(leaf);
    keptChunks.push(cc);
    ranges.push({ start: columnChunkStart(cc), length: columnChunkSize(cc) });
  }
  return {
    ranges,
    build(chunks) {
      let offset = 4;
      let rows = 0n;
      if (rg) {
        let uncompressed = 0n;
        for (const [k, cc] of keptChunks.entries()) {
          relocateColumnChunk(cc, offset - (ranges[k] as ByteRange).start);
          offset += (chunks[k] as Uint8Array).length;
          const md = getField(cc, CC.metaData);
          const u = isStruct(md) ? getField(md, 6) : undefined;
          if (typeof u === 'bigint') uncompressed += u;
        }
        setField(rg, RG.columns, TType.LIST, { kind: 'list', elemType: TType.STRUCT, items: keptChunks });
        setField(rg, RG.fileOffset, TType.I64, 4n);
        setField(rg, RG.totalCompressed, TType.I64, BigInt(offset - 4));
        setField(rg, RG.totalByteSize, TType.I64, uncompressed);
        setField(rg, RG.ordinal, TType.I16, 0);
        const n = getField(rg, RG.numRows);
        rows = typeof n === 'bigint' ? n : BigInt(Number(n ?? 0));
      }
      const meta: TStruct = { kind: 'struct', fields: clone(footer.raw).fields };
      setField(meta, FMD.numRows, TType.I64, rows);
      setField(meta, FMD.rowGroups, TType.LIST, {
        kind: 'list',
        elemType: TType.STRUCT,
        items: rg ? [rg] : [],
      });
      if (keep) {
        setField(meta, FMD.schema, TType.LIST, {
          kind: 'list',
          elemType: TType.STRUCT,
          items: projectSchema(schemaElements(footer), keep),
        });
        const kv = getField(meta, FMD.keyValue);
        if (isList(kv)) {
          kv.items = kv.items.filter(
            (e) => !(isStruct(e) && utf8.decode(getField(e, 1) as Uint8Array) === 'ARROW:schema'),
          );
        }
        // column_orders has one entry per leaf column.
        const orders = getField(meta, 7);
        if (isList(orders) && rg)
          orders.items = keptLeaves.map((l) => orders.items[l]).filter((o) => o !== undefined);
        else if (isList(orders)) meta.fields = meta.fields.filter((f) => f.id !== 7);
      }
      const footerBytes = encodeStruct(meta);
      const out = new Uint8Array(offset + footerBytes.length + 8);
      out.set(MAGIC, 0);
      let o = 4;
      for (const c of chunks) {
        out.set(c, o);
        o += c.length;
      }
      out.set(footerBytes, o);
      new DataView(out.buffer).setUint32(o + footerBytes.length, footerBytes.length, true);
      out.set(MAGIC, o + footerBytes.length + 4);
      return out;
    },
  };
}
