// MuJoCo primitive geom type ids (mjtGeom) and the local bounding box of each primitive.

/** mjtGeom values for the primitives this renderer draws; other types (hfield, mesh, sdf) are skipped. */
export const GeomType = {
  plane: 0,
  sphere: 2,
  capsule: 3,
  ellipsoid: 4,
  cylinder: 5,
  box: 6,
} as const;

export type GeomTypeId = (typeof GeomType)[keyof typeof GeomType];

const primitiveIds: ReadonlySet<number> = new Set(Object.values(GeomType));

export function isPrimitiveGeomType(type: number): type is GeomTypeId {
  return primitiveIds.has(type);
}

/**
 * True when a plane extends forever: MuJoCo draws (and `mj_ray` hits) a plane as the rectangle
 * |x| <= size[0], |y| <= size[1], except that a non-positive half-size leaves that axis unbounded.
 */
export function isUnboundedPlane(sizeX: number, sizeY: number): boolean {
  return sizeX <= 0 || sizeY <= 0;
}

/**
 * Half-extents of the geom's bounding box in its own frame, written to `out`. Planes get zero
 * thickness; an unbounded plane has no box and the caller must not ask for one.
 */
export function localHalfExtents(
  type: GeomTypeId,
  s0: number,
  s1: number,
  s2: number,
  out: Float64Array,
): void {
  switch (type) {
    case GeomType.plane:
      out[0] = s0;
      out[1] = s1;
      out[2] = 0;
      return;
    case GeomType.sphere:
      out[0] = s0;
      out[1] = s0;
      out[2] = s0;
      return;
    case GeomType.capsule:
      out[0] = s0;
      out[1] = s0;
      out[2] = s1 + s0;
      return;
    case GeomType.cylinder:
      out[0] = s0;
      out[1] = s0;
      out[2] = s1;
      return;
    case GeomType.ellipsoid:
    case GeomType.box:
      out[0] = s0;
      out[1] = s1;
      out[2] = s2;
      return;
  }
}
