// Helpers that turn primitive geometry and numbers into MJCF text fragments.
import type { PrimitiveGeom } from '../schemas/common.js';

/** Numbers printed with 7 significant digits (small inertias must survive), stable across runs. */
export const num = (x: number): string => {
  if (Math.abs(x) < 1e-12) return '0';
  return String(Number(x.toPrecision(7)));
};
export const nums = (xs: readonly number[]): string => xs.map(num).join(' ');

export function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

export type ExtraAttrs = Record<string, string | number | undefined>;

function attrs(extra: ExtraAttrs): string {
  return Object.entries(extra)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? num(v) : escapeAttr(v as string)}"`)
    .join('');
}

/** One `<geom>` element for a primitive; `extra` adds name, class, contact bits, friction... */
export function geomXml(
  geom: PrimitiveGeom,
  extra: ExtraAttrs = {},
  defaultRgba?: readonly number[],
): string {
  const rgbaValue = geom.rgba ?? defaultRgba;
  const rgba = rgbaValue ? { rgba: nums(rgbaValue) } : {};
  switch (geom.type) {
    case 'box':
      return `<geom type="box" size="${nums(geom.halfSizeM)}" pos="${nums(geom.posM)}"${
        geom.quat ? ` quat="${nums(geom.quat)}"` : ''
      }${attrs({ ...rgba, ...extra })}/>`;
    case 'sphere':
      return `<geom type="sphere" size="${num(geom.radiusM)}" pos="${nums(geom.posM)}"${attrs({ ...rgba, ...extra })}/>`;
    case 'capsule':
    case 'cylinder':
      return `<geom type="${geom.type}" size="${num(geom.radiusM)}" fromto="${nums([...geom.fromM, ...geom.toM])}"${attrs(
        { ...rgba, ...extra },
      )}/>`;
  }
}
