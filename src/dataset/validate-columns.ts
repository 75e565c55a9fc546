// Whether a data file's Arrow column types are castable to the HF features lerobot builds from info.features.

import { type DataType, type Field, Type } from 'apache-arrow';
import { type FeatureView, isNumericDtype } from './validate-info.js';

/** numpy-style name of a primitive Arrow type ("float32", "int64", "bool", "string", ...), or its Arrow name. */
export function arrowDtypeName(t: DataType): string {
  switch (t.typeId) {
    case Type.Int: {
      const it = t as unknown as { bitWidth: number; isSigned: boolean };
      return `${it.isSigned ? 'int' : 'uint'}${it.bitWidth}`;
    }
    case Type.Float: {
      const p = (t as unknown as { precision: number }).precision;
      return p === 0 ? 'float16' : p === 1 ? 'float32' : 'float64';
    }
    case Type.Bool:
      return 'bool';
    case Type.Utf8:
    case Type.LargeUtf8:
    case Type.Utf8View:
      return 'string';
    case Type.Binary:
    case Type.LargeBinary:
    case Type.BinaryView:
      return 'binary';
    default:
      return String(t);
  }
}

function isPrimitiveNumeric(t: DataType): boolean {
  return t.typeId === Type.Int || t.typeId === Type.Float || t.typeId === Type.Bool;
}

function isListLike(t: DataType): boolean {
  return t.typeId === Type.List || t.typeId === Type.LargeList || t.typeId === Type.FixedSizeList;
}

function childType(t: DataType): DataType | undefined {
  return (t.children?.[0] as Field | undefined)?.type;
}

export interface ColumnVerdict {
  severity: 'error' | 'warning';
  message: string;
}

export interface ColumnCheck {
  verdicts: ColumnVerdict[];
  /** A variable-length list standing for a fixed-length vector: its row lengths must be checked from the data. */
  checkListLength: number | null;
}

/**
 * Mirrors what datasets' cast_table_to_schema accepts for one feature: shape [1] is a scalar (a list fails),
 * shape [n] is a fixed_size_list of n (a variable list is cast when every row has n items), images are
 * struct<bytes: binary, path: string>, strings are utf8.
 */
export function checkColumnType(feature: FeatureView, field: Field): ColumnCheck {
  const t = field.type;
  const verdicts: ColumnVerdict[] = [];
  const out: ColumnCheck = { verdicts, checkListLength: null };
  const err = (message: string) => verdicts.push({ severity: 'error', message });
  const warn = (message: string) => verdicts.push({ severity: 'warning', message });
  const { dtype, shape, name } = feature;

  if (dtype === 'image') {
    const kids = t.typeId === Type.Struct ? ((t.children ?? []) as Field[]) : [];
    const bytes = kids.find((k) => k.name === 'bytes');
    const path = kids.find((k) => k.name === 'path');
    if (
      t.typeId !== Type.Struct ||
      !bytes ||
      arrowDtypeName(bytes.type) !== 'binary' ||
      (path && arrowDtypeName(path.type) !== 'string')
    ) {
      err(`image column "${name}" is ${String(t)}; expected struct<bytes: binary, path: string>`);
    } else if (!path) warn(`image column "${name}" has no "path" field`);
    return out;
  }
  if (dtype === 'string' || dtype === 'language') {
    if (dtype === 'string' && arrowDtypeName(t) !== 'string')
      err(`string column "${name}" is ${String(t)}; expected utf8`);
    return out;
  }
  if (!isNumericDtype(dtype)) return out;

  if (shape.length === 1 && shape[0] === 1) {
    if (isListLike(t))
      err(`column "${name}" has shape [1] so it must be a scalar ${dtype}, but it is a list (${String(t)})`);
    else if (!isPrimitiveNumeric(t)) err(`column "${name}" is ${String(t)}; expected ${dtype}`);
    else if (arrowDtypeName(t) !== dtype)
      warn(`column "${name}" is ${arrowDtypeName(t)}; info declares ${dtype} (cast on load)`);
    return out;
  }
  // Vectors and higher-rank arrays: nested lists, one level per dimension.
  let cur: DataType | undefined = t;
  for (const [level, dim] of shape.entries()) {
    if (!cur || !isListLike(cur)) {
      err(
        `column "${name}" is ${String(t)}; shape ${JSON.stringify(shape)} needs ${shape.length} level(s) of lists of ${dtype}`,
      );
      return out;
    }
    if (cur.typeId === Type.FixedSizeList) {
      const size = (cur as unknown as { listSize: number }).listSize;
      if (size !== dim) {
        err(
          `column "${name}" is a fixed_size_list of ${size} at level ${level}; shape ${JSON.stringify(shape)} needs ${dim}`,
        );
        return out;
      }
    } else if (shape.length === 1) out.checkListLength = dim;
    cur = childType(cur);
  }
  if (!cur || !isPrimitiveNumeric(cur))
    err(`column "${name}" holds ${cur ? String(cur) : 'nothing'}; expected ${dtype} values`);
  else if (arrowDtypeName(cur) !== dtype)
    warn(`column "${name}" holds ${arrowDtypeName(cur)} values; info declares ${dtype} (cast on load)`);
  return out;
}
