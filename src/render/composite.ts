// Final pass over the image: colour of flat-geom pixels (face colour plus spot/point light) and background.
//
// Spot and point light varies smoothly across a flat face, so along each row it is computed
// exactly every SAMPLE_STEP columns and interpolated linearly in between wherever both ends of
// the interval lie on the same face; elsewhere (face edges, occluders) it is computed exactly.
// Floors, walls and bench tops are most of a lab image, and a square root and two divisions per
// pixel and light would otherwise dominate the frame time. A plain scan of the image measured
// faster here than walking per-geom pixel lists for this pass.

import { type FrameLights, localLight } from './geom-shading.js';
import { FACE_COLOR, FACE_LIT, FACE_NORMAL, FACE_STRIDE, type ShadingBuffers } from './shading-buffers.js';

const SAMPLE_STEP = 8;

export class CompositeScratch {
  readonly sampleR: Float64Array;
  readonly sampleG: Float64Array;
  readonly sampleB: Float64Array;
  /** Normal and hit point handed to localLight, and its result. */
  readonly at = new Float64Array(6);
  readonly light = new Float64Array(3);

  constructor(width: number) {
    this.sampleR = new Float64Array(width);
    this.sampleG = new Float64Array(width);
    this.sampleB = new Float64Array(width);
  }
}

/** Exact spot/point light at pixel p lying on face f, into s.light. */
function exactAt(b: ShadingBuffers, fl: FrameLights, s: CompositeScratch, p: number, f: number): void {
  const t = b.zbuf[p] as number;
  const o = FACE_STRIDE * f + FACE_NORMAL;
  const at = s.at;
  at[0] = b.faces[o] as number;
  at[1] = b.faces[o + 1] as number;
  at[2] = b.faces[o + 2] as number;
  at[3] = t * (b.rayX[p] as number);
  at[4] = t * (b.rayY[p] as number);
  at[5] = -t;
  localLight(fl.local, fl.localLength, at, s.light);
}

/** Samples column i of the row starting at pixel `row` when it lies on a face lit per pixel. */
function sampleAt(b: ShadingBuffers, fl: FrameLights, s: CompositeScratch, row: number, i: number): void {
  const f = b.faceIndex[row + i] as number;
  if (f < 0 || b.faceLocal[f] === 0) return;
  exactAt(b, fl, s, row + i, f);
  s.sampleR[i] = s.light[0] as number;
  s.sampleG[i] = s.light[1] as number;
  s.sampleB[i] = s.light[2] as number;
}

/** Writes RGB for every flat-geom pixel and every miss (curved geoms were written already). */
export function compositeRgb(
  b: ShadingBuffers,
  fl: FrameLights,
  s: CompositeScratch,
  bg0: number,
  bg1: number,
  bg2: number,
): void {
  const { width, height, owner, faceIndex, faceLocal, faces, texture, rgb } = b;
  const { sampleR, sampleG, sampleB, light } = s;
  const anyLocal = fl.localLength > 0;
  for (let j = 0; j < height; j++) {
    const row = j * width;
    if (anyLocal) {
      for (let i = 0; i < width; i += SAMPLE_STEP) sampleAt(b, fl, s, row, i);
      if ((width - 1) % SAMPLE_STEP !== 0) sampleAt(b, fl, s, row, width - 1);
    }
    // Interval [i0, i1] between samples; its pixels are i0 .. i1 - 1, plus i1 for the last one.
    for (let i0 = 0; i0 < width; i0 += SAMPLE_STEP) {
      const i1 = Math.min(i0 + SAMPLE_STEP, width - 1);
      const iEnd = i1 === width - 1 ? width : i1;
      const f0 = faceIndex[row + i0] as number;
      // Interpolation is valid for pixels on face f0 when both ends were sampled on f0.
      const lerpFace = anyLocal && f0 >= 0 && faceLocal[f0] === 1 && faceIndex[row + i1] === f0 ? f0 : -1;
      const r0 = sampleR[i0] as number,
        g0 = sampleG[i0] as number,
        b0 = sampleB[i0] as number;
      const dr = (sampleR[i1] as number) - r0,
        dg = (sampleG[i1] as number) - g0,
        db = (sampleB[i1] as number) - b0;
      const du = i1 > i0 ? 1 / (i1 - i0) : 0;
      for (let i = i0, p = row + i0; i < iEnd; i++, p++) {
        const f = faceIndex[p] as number;
        const q = 3 * p;
        if (f < 0) {
          if ((owner[p] as number) < 0) {
            rgb[q] = bg0;
            rgb[q + 1] = bg1;
            rgb[q + 2] = bg2;
          }
          continue;
        }
        const fo = FACE_STRIDE * f;
        const tex = texture[p] as number;
        let vr = (faces[fo + FACE_LIT] as number) * tex + 0.5;
        let vg = (faces[fo + FACE_LIT + 1] as number) * tex + 0.5;
        let vb = (faces[fo + FACE_LIT + 2] as number) * tex + 0.5;
        if (anyLocal && faceLocal[f] === 1) {
          let lr: number;
          let lg: number;
          let lb: number;
          if (f === lerpFace) {
            const u = (i - i0) * du;
            lr = r0 + dr * u;
            lg = g0 + dg * u;
            lb = b0 + db * u;
          } else {
            exactAt(b, fl, s, p, f);
            lr = light[0] as number;
            lg = light[1] as number;
            lb = light[2] as number;
          }
          vr += (faces[fo + FACE_COLOR] as number) * tex * lr;
          vg += (faces[fo + FACE_COLOR + 1] as number) * tex * lg;
          vb += (faces[fo + FACE_COLOR + 2] as number) * tex * lb;
        }
        rgb[q] = vr >= 255 ? 255 : vr > 0 ? vr | 0 : 0;
        rgb[q + 1] = vg >= 255 ? 255 : vg > 0 ? vg | 0 : 0;
        rgb[q + 2] = vb >= 255 ? 255 : vb > 0 ? vb | 0 : 0;
      }
    }
  }
}
