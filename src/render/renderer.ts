// Camera images (RGB, depth, segmentation) of a RenderScene by exact per-pixel ray casting over geom footprints.
//
// Per frame: each geom's bounding box is projected to per-row pixel spans; geoms are visited near
// to far and, inside their spans, the pixel ray is intersected exactly with the primitive (so depth
// agrees with mj_ray, which tessellation could not promise at silhouettes); pixels already covered
// nearer than the geom's nearest possible point are skipped. Pixels are then grouped by owning
// geom and shaded once each: curved geoms per pixel, flat geoms (boxes, planes) per face, with a
// final pass adding spot/point light on large flat surfaces. All buffers are reused across calls.

import { type Camera, halfFovTangents } from './camera.js';
import { CompositeScratch, compositeRgb } from './composite.js';
import { type CurvedGeom, CurvedScratch, shadeCurved } from './curved-shading.js';
import { depthKernelFor } from './depth-kernels.js';
import { boxSurface, planeSurface } from './flat-surface.js';
import { FootprintBuilder, type PixelGrid } from './footprint.js';
import {
  GEOM_FRAME_STRIDE,
  GF_C,
  GF_M,
  GF_O,
  GF_RADIUS,
  GF_S,
  GF_TMIN,
  type KernelArgs,
} from './geom-frame.js';
import { emptyGeomShading, fillGeomShading, frameLights } from './geom-shading.js';
import { GeomType, type GeomTypeId, isUnboundedPlane, localHalfExtents } from './geom-type.js';
import { bucketByOwner } from './pixel-lists.js';
import type { RenderScene } from './render-scene.js';
import { FACE_STRIDE, FACES_PER_GEOM, type ShadingBuffers } from './shading-buffers.js';

export interface RenderOptions {
  /** Also return per-pixel ray distance (metres from the camera centre; Infinity where nothing is hit). */
  depth?: boolean;
  /** Also return per-pixel MuJoCo geom id (-1 where nothing is hit). */
  segmentation?: boolean;
}

export interface RenderCameraOptions extends RenderOptions {
  width: number;
  height: number;
}

export interface RenderOutput {
  width: number;
  height: number;
  /** Row-major from the top-left pixel, 3 bytes per pixel. */
  rgb: Uint8Array;
  depth?: Float32Array;
  segmentation?: Int32Array;
}

export interface Renderer {
  readonly width: number;
  readonly height: number;
  /**
   * Renders one image. The returned arrays belong to the renderer and are overwritten by its next
   * call: copy them (or use renderCamera) to keep them.
   */
  render(scene: RenderScene, camera: Camera, options?: RenderOptions): RenderOutput;
}

/** Per-geom working arrays, grown to the largest scene seen. */
interface GeomBuffers {
  capacity: number;
  gf: Float64Array;
  spanStart: Int32Array;
  spanEnd: Int32Array;
  firstRow: Int32Array;
  lastRow: Int32Array;
  /** Geoms with a non-empty footprint, in drawing order, and their sort keys. */
  order: Int32Array;
  sortKey: Float64Array;
  /** Pixel lists by owning geom (see pixel-lists.ts). */
  offsets: Int32Array;
}

function growGeomBuffers(b: GeomBuffers, geoms: number, height: number): void {
  if (geoms <= b.capacity) return;
  b.capacity = geoms;
  b.gf = new Float64Array(geoms * GEOM_FRAME_STRIDE);
  b.spanStart = new Int32Array(geoms * height);
  b.spanEnd = new Int32Array(geoms * height);
  b.firstRow = new Int32Array(geoms);
  b.lastRow = new Int32Array(geoms);
  b.order = new Int32Array(geoms);
  b.sortKey = new Float64Array(geoms);
  b.offsets = new Int32Array(geoms + 1);
}

/**
 * Fills each geom's record (camera origin and ray basis in the geom frame, centre, near-depth
 * bound) and footprint, and returns how many geoms are drawn; their indices are in b.order, near first.
 */
function prepareGeoms(
  scene: RenderScene,
  camera: Camera,
  b: GeomBuffers,
  footprint: FootprintBuilder,
  height: number,
): number {
  const { gf, spanStart, spanEnd, firstRow, lastRow, order, sortKey } = b;
  const halfExtents = new Float64Array(3);
  const axes = new Float64Array(9);
  const cx = camera.pos[0],
    cy = camera.pos[1],
    cz = camera.pos[2];
  const rc = camera.mat;
  const R = scene.geomMat;
  let drawn = 0;
  for (let k = 0; k < scene.geomCount; k++) {
    const type = scene.geomType[k] as GeomTypeId;
    const g = k * GEOM_FRAME_STRIDE;
    const rg = 9 * k;
    const ddx = cx - (scene.geomPos[3 * k] as number);
    const ddy = cy - (scene.geomPos[3 * k + 1] as number);
    const ddz = cz - (scene.geomPos[3 * k + 2] as number);
    for (let a = 0; a < 3; a++) {
      const r0 = R[rg + a] as number,
        r1 = R[rg + 3 + a] as number,
        r2 = R[rg + 6 + a] as number;
      gf[g + GF_O + a] = r0 * ddx + r1 * ddy + r2 * ddz;
      for (let c = 0; c < 3; c++) {
        gf[g + GF_M + 3 * a + c] =
          r0 * (rc[c] as number) + r1 * (rc[3 + c] as number) + r2 * (rc[6 + c] as number);
      }
    }
    const s0 = scene.geomSize[3 * k] as number;
    const s1 = scene.geomSize[3 * k + 1] as number;
    const s2 = scene.geomSize[3 * k + 2] as number;
    gf[g + GF_S] = s0;
    gf[g + GF_S + 1] = s1;
    gf[g + GF_S + 2] = s2;
    const base = k * height;
    // Geom centre in camera coordinates: Rcᵀ (p - c).
    const pcx = -(rc[0] * ddx + rc[3] * ddy + rc[6] * ddz);
    const pcy = -(rc[1] * ddx + rc[4] * ddy + rc[7] * ddz);
    const pcz = -(rc[2] * ddx + rc[5] * ddy + rc[8] * ddz);
    gf[g + GF_C] = pcx;
    gf[g + GF_C + 1] = pcy;
    gf[g + GF_C + 2] = pcz;
    // Planes are one-sided: a camera on or behind one never sees it.
    const behindPlane = type === GeomType.plane && (gf[g + GF_O + 2] as number) <= 0;

    if (behindPlane) {
      footprint.clear();
    } else if (type === GeomType.plane && isUnboundedPlane(s0, s1)) {
      gf[g + GF_TMIN] = Number.NEGATIVE_INFINITY;
      gf[g + GF_RADIUS] = Number.POSITIVE_INFINITY;
      footprint.full(spanStart, spanEnd, base);
    } else {
      localHalfExtents(type, s0, s1, s2, halfExtents);
      const h0 = halfExtents[0] as number,
        h1 = halfExtents[1] as number,
        h2 = halfExtents[2] as number;
      const radius = Math.sqrt(h0 * h0 + h1 * h1 + h2 * h2);
      gf[g + GF_RADIUS] = radius;
      gf[g + GF_TMIN] = -pcz - radius;
      // Camera-frame half-axis vectors: geom axis a is row a of Rgᵀ·Rc.
      for (let a = 0; a < 3; a++) {
        const h = halfExtents[a] as number;
        for (let c = 0; c < 3; c++) axes[3 * a + c] = h * (gf[g + GF_M + 3 * a + c] as number);
      }
      footprint.box(pcx, pcy, pcz, axes, spanStart, spanEnd, base);
    }
    firstRow[k] = footprint.firstRow;
    lastRow[k] = footprint.lastRow;
    if (footprint.firstRow > footprint.lastRow) continue;
    // Near to far so near geoms fill the z-buffer first and far ones skip covered pixels;
    // planes last, since they are usually the background and have no useful near bound.
    const key = type === GeomType.plane ? Number.POSITIVE_INFINITY : (gf[g + GF_TMIN] as number);
    let slot = drawn++;
    while (slot > 0 && (sortKey[slot - 1] as number) > key) {
      sortKey[slot] = sortKey[slot - 1] as number;
      order[slot] = order[slot - 1] as number;
      slot--;
    }
    sortKey[slot] = key;
    order[slot] = k;
  }
  return drawn;
}

function toByte(v: number): number {
  const x = v * 255 + 0.5;
  return x >= 255 ? 255 : x <= 0 ? 0 : x | 0;
}

export function createRenderer(width: number, height: number): Renderer {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`image size must be positive integers, got ${width}x${height}`);
  }
  const pixels = width * height;
  const buffers: ShadingBuffers = {
    width,
    height,
    zbuf: new Float64Array(pixels),
    owner: new Int32Array(pixels),
    rayX: new Float64Array(pixels),
    rayY: new Float64Array(pixels),
    rgb: new Uint8Array(3 * pixels),
    faceIndex: new Int32Array(pixels),
    texture: new Float32Array(pixels),
    faces: new Float64Array(0),
    faceLocal: new Uint8Array(0),
  };
  const { zbuf, owner, rayX, rayY, rgb, faceIndex } = buffers;
  const depth = new Float32Array(pixels);
  const segmentation = new Int32Array(pixels);
  const pixelList = new Int32Array(pixels);
  // Length of each pixel's camera ray (X, Y, -1): converts camera depth to ray distance.
  const rayLength = new Float64Array(pixels);
  let raysFor = { tanX: Number.NaN, tanY: Number.NaN };
  const grid: PixelGrid = { width, height, tanX: 1, tanY: 1 };
  const footprint = new FootprintBuilder(grid);
  const curvedScratch = new CurvedScratch();
  const compositeScratch = new CompositeScratch(width);
  const shading = emptyGeomShading();
  const geoms: GeomBuffers = {
    capacity: 0,
    gf: new Float64Array(0),
    spanStart: new Int32Array(0),
    spanEnd: new Int32Array(0),
    firstRow: new Int32Array(0),
    lastRow: new Int32Array(0),
    order: new Int32Array(0),
    sortKey: new Float64Array(0),
    offsets: new Int32Array(1),
  };

  function render(scene: RenderScene, camera: Camera, options: RenderOptions = {}): RenderOutput {
    const { tanX, tanY } = halfFovTangents(camera, width, height);
    // Pixel (i, j), row 0 at the top, looks along the camera-frame ray (x0 + i*dx, y0 + j*dy, -1).
    const x0 = (1 / width - 1) * tanX;
    const dx = (2 * tanX) / width;
    const y0 = (1 - 1 / height) * tanY;
    const dy = (-2 * tanY) / height;
    if (tanX !== raysFor.tanX || tanY !== raysFor.tanY) {
      for (let j = 0, p = 0; j < height; j++) {
        const Y = y0 + j * dy;
        for (let i = 0; i < width; i++, p++) {
          const X = x0 + i * dx;
          rayX[p] = X;
          rayY[p] = Y;
          rayLength[p] = Math.sqrt(X * X + Y * Y + 1);
        }
      }
      raysFor = { tanX, tanY };
    }
    grid.tanX = tanX;
    grid.tanY = tanY;

    const n = scene.geomCount;
    growGeomBuffers(geoms, n, height);
    if (buffers.faceLocal.length < FACES_PER_GEOM * n) {
      buffers.faces = new Float64Array(FACE_STRIDE * FACES_PER_GEOM * n);
      buffers.faceLocal = new Uint8Array(FACES_PER_GEOM * n);
    }
    zbuf.fill(Number.POSITIVE_INFINITY);
    owner.fill(-1);
    faceIndex.fill(-1);
    const drawn = prepareGeoms(scene, camera, geoms, footprint, height);
    const { gf, spanStart, spanEnd, firstRow, lastRow, order, offsets } = geoms;

    const args: KernelArgs = { gf, spanStart, spanEnd, width, x0, dx, y0, dy, zbuf, owner };
    for (let s = 0; s < drawn; s++) {
      const k = order[s] as number;
      depthKernelFor(scene.geomType[k] as number)(
        args,
        k,
        k * GEOM_FRAME_STRIDE,
        k * height,
        firstRow[k] as number,
        lastRow[k] as number,
      );
    }

    bucketByOwner(owner, n, offsets, pixelList);
    const lights = frameLights(scene, camera);
    const checker = scene.appearance.planeChecker;
    const checkerInvCell = checker && checker.cellM > 0 ? 1 / checker.cellM : 0;
    const checkerDark = checker ? 1 - checker.contrast : 1;
    // One colour record shared by both shading paths: {r, g, b} on the 0-255 scale.
    const curved: CurvedGeom = { shading, lights, r: 0, g: 0, b: 0 };
    for (let k = 0; k < n; k++) {
      const from = offsets[k] as number;
      const to = offsets[k + 1] as number;
      if (from === to) continue;
      const g = k * GEOM_FRAME_STRIDE;
      fillGeomShading(
        lights,
        gf[g + GF_C] as number,
        gf[g + GF_C + 1] as number,
        gf[g + GF_C + 2] as number,
        gf[g + GF_RADIUS] as number,
        shading,
      );
      curved.r = (scene.geomColor[3 * k] as number) * 255;
      curved.g = (scene.geomColor[3 * k + 1] as number) * 255;
      curved.b = (scene.geomColor[3 * k + 2] as number) * 255;
      const type = scene.geomType[k] as number;
      if (type !== GeomType.box && type !== GeomType.plane) {
        shadeCurved(buffers, curvedScratch, curved, type, gf, g, pixelList, from, to);
        continue;
      }
      if (type === GeomType.box) boxSurface(buffers, gf, g, k, shading, curved, pixelList, from, to);
      else planeSurface(buffers, gf, g, k, shading, curved, pixelList, from, to, checkerInvCell, checkerDark);
    }
    const bg = scene.appearance.background;
    compositeRgb(buffers, lights, compositeScratch, toByte(bg[0]), toByte(bg[1]), toByte(bg[2]));

    const wantDepth = options.depth === true;
    const wantSeg = options.segmentation === true;
    if (wantDepth) {
      for (let p = 0; p < pixels; p++) {
        depth[p] =
          (owner[p] as number) < 0
            ? Number.POSITIVE_INFINITY
            : (zbuf[p] as number) * (rayLength[p] as number);
      }
    }
    if (wantSeg) {
      const ids = scene.geomId;
      for (let p = 0; p < pixels; p++) {
        const o = owner[p] as number;
        segmentation[p] = o < 0 ? -1 : (ids[o] as number);
      }
    }
    return {
      width,
      height,
      rgb,
      depth: wantDepth ? depth : undefined,
      segmentation: wantSeg ? segmentation : undefined,
    };
  }

  return { width, height, render };
}

let cached: Renderer | null = null;

/** Renders into fresh arrays the caller may keep; for hot loops prefer createRenderer(). */
export function renderCamera(scene: RenderScene, camera: Camera, options: RenderCameraOptions): RenderOutput {
  if (cached === null || cached.width !== options.width || cached.height !== options.height) {
    cached = createRenderer(options.width, options.height);
  }
  const out = cached.render(scene, camera, options);
  return {
    width: out.width,
    height: out.height,
    rgb: out.rgb.slice(),
    depth: out.depth?.slice(),
    segmentation: out.segmentation?.slice(),
  };
}
