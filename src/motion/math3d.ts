// Small 3-D math on plain tuples: vectors, MuJoCo-order quaternions (w x y z), row-major 3x3 matrices.

export type Vec3 = [number, number, number];
export type Quat = [number, number, number, number];

export const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
export const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
export const scale = (a: Vec3, s: number): Vec3 => [a[0] * s, a[1] * s, a[2] * s];
export const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
export const norm = (a: Vec3): number => Math.hypot(a[0], a[1], a[2]);
export const normalize = (a: Vec3): Vec3 => {
  const n = norm(a);
  return n > 0 ? scale(a, 1 / n) : [0, 0, 0];
};
export const lerp = (a: Vec3, b: Vec3, t: number): Vec3 => add(a, scale(sub(b, a), t));

export function quatMul(a: Quat, b: Quat): Quat {
  return [
    a[0] * b[0] - a[1] * b[1] - a[2] * b[2] - a[3] * b[3],
    a[0] * b[1] + a[1] * b[0] + a[2] * b[3] - a[3] * b[2],
    a[0] * b[2] - a[1] * b[3] + a[2] * b[0] + a[3] * b[1],
    a[0] * b[3] + a[1] * b[2] - a[2] * b[1] + a[3] * b[0],
  ];
}
export const quatConj = (q: Quat): Quat => [q[0], -q[1], -q[2], -q[3]];
export function quatFromAxisAngle(axis: Vec3, angleRad: number): Quat {
  const a = normalize(axis);
  const s = Math.sin(angleRad / 2);
  return [Math.cos(angleRad / 2), a[0] * s, a[1] * s, a[2] * s];
}
export function quatRotate(q: Quat, v: Vec3): Vec3 {
  const r = quatMul(quatMul(q, [0, v[0], v[1], v[2]]), quatConj(q));
  return [r[1], r[2], r[3]];
}
/** Row-major 3x3 rotation matrix of a unit quaternion (MuJoCo's xmat layout). */
export function quatToMat(q: Quat): number[] {
  const [w, x, y, z] = q;
  return [
    1 - 2 * (y * y + z * z),
    2 * (x * y - w * z),
    2 * (x * z + w * y),
    2 * (x * y + w * z),
    1 - 2 * (x * x + z * z),
    2 * (y * z - w * x),
    2 * (x * z - w * y),
    2 * (y * z + w * x),
    1 - 2 * (x * x + y * y),
  ];
}
/** Applies a row-major 3x3 matrix (e.g. a slice of MuJoCo's xmat) to a vector. */
export function matVec(m: ArrayLike<number>, v: Vec3, offset = 0): Vec3 {
  const g = (i: number) => m[offset + i] as number;
  return [
    g(0) * v[0] + g(1) * v[1] + g(2) * v[2],
    g(3) * v[0] + g(4) * v[1] + g(5) * v[2],
    g(6) * v[0] + g(7) * v[1] + g(8) * v[2],
  ];
}
/** Column `col` of a row-major 3x3 matrix: the world direction of a body's local axis. */
export function matColumn(m: ArrayLike<number>, col: number, offset = 0): Vec3 {
  return [m[offset + col] as number, m[offset + 3 + col] as number, m[offset + 6 + col] as number];
}

/**
 * MuJoCo camera axes (`xyaxes`) for a camera at `pos` looking at `target`: cameras look along their -z
 * with +y up in the image, so x = forward × up and y = x × forward.
 */
export function cameraXyAxes(pos: Vec3, target: Vec3, up: Vec3 = [0, 0, 1]): [Vec3, Vec3] {
  const forward = normalize(sub(target, pos));
  let x = cross(forward, up);
  if (norm(x) < 1e-6) x = cross(forward, [0, 1, 0]);
  x = normalize(x);
  return [x, cross(x, forward)];
}

/** Rotation taking unit vector a to unit vector b (shortest arc). */
export function quatBetween(a: Vec3, b: Vec3): Quat {
  const c = cross(a, b);
  const d = dot(a, b);
  if (d < -0.999999) {
    const axis = norm(cross([1, 0, 0], a)) > 1e-6 ? cross([1, 0, 0], a) : cross([0, 1, 0], a);
    return quatFromAxisAngle(axis, Math.PI);
  }
  const q: Quat = [1 + d, c[0], c[1], c[2]];
  const n = Math.hypot(...q);
  return [q[0] / n, q[1] / n, q[2] / n, q[3] / n];
}

/** Unit quaternion of a row-major rotation matrix (Shepperd's method, numerically safe for all angles). */
export function matToQuat(m: readonly number[]): Quat {
  const [m00, m01, m02, m10, m11, m12, m20, m21, m22] = m as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const tr = m00 + m11 + m22;
  let q: Quat;
  if (tr > 0) {
    const s = Math.sqrt(tr + 1) * 2;
    q = [0.25 * s, (m21 - m12) / s, (m02 - m20) / s, (m10 - m01) / s];
  } else if (m00 > m11 && m00 > m22) {
    const s = Math.sqrt(1 + m00 - m11 - m22) * 2;
    q = [(m21 - m12) / s, 0.25 * s, (m01 + m10) / s, (m02 + m20) / s];
  } else if (m11 > m22) {
    const s = Math.sqrt(1 + m11 - m00 - m22) * 2;
    q = [(m02 - m20) / s, (m01 + m10) / s, 0.25 * s, (m12 + m21) / s];
  } else {
    const s = Math.sqrt(1 + m22 - m00 - m11) * 2;
    q = [(m10 - m01) / s, (m02 + m20) / s, (m12 + m21) / s, 0.25 * s];
  }
  const n = Math.hypot(...q);
  return q[0] < 0 ? [-q[0] / n, -q[1] / n, -q[2] / n, -q[3] / n] : [q[0] / n, q[1] / n, q[2] / n, q[3] / n];
}

export function quatSlerp(a: Quat, b: Quat, t: number): Quat {
  let d = a[0] * b[0] + a[1] * b[1] + a[2] * b[2] + a[3] * b[3];
  let bb = b;
  if (d < 0) {
    d = -d;
    bb = [-b[0], -b[1], -b[2], -b[3]];
  }
  if (d > 0.9995) {
    const q: Quat = [
      a[0] + t * (bb[0] - a[0]),
      a[1] + t * (bb[1] - a[1]),
      a[2] + t * (bb[2] - a[2]),
      a[3] + t * (bb[3] - a[3]),
    ];
    const n = Math.hypot(...q);
    return [q[0] / n, q[1] / n, q[2] / n, q[3] / n];
  }
  const theta = Math.acos(d);
  const s = Math.sin(theta);
  const wa = Math.sin((1 - t) * theta) / s;
  const wb = Math.sin(t * theta) / s;
  return [wa * a[0] + wb * bb[0], wa * a[1] + wb * bb[1], wa * a[2] + wb * bb[2], wa * a[3] + wb * bb[3]];
}

/** Angle (rad) between two rotations given as row-major matrices. */
export function rotationAngle(a: readonly number[], b: readonly number[]): number {
  const qa = matToQuat(a);
  const qb = matToQuat(b);
  const d = Math.abs(qa[0] * qb[0] + qa[1] * qb[1] + qa[2] * qb[2] + qa[3] * qb[3]);
  return 2 * Math.acos(Math.min(1, d));
}

/** Product of two row-major 3x3 matrices. */
export function matMul(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++) {
      let sum = 0;
      for (let k = 0; k < 3; k++) sum += (a[i * 3 + k] as number) * (b[k * 3 + j] as number);
      out.push(sum);
    }
  return out;
}

/** Row-major 3x3 transpose (the inverse of a rotation). */
export function matTranspose(m: readonly number[]): number[] {
  return [0, 3, 6, 1, 4, 7, 2, 5, 8].map((i) => m[i] as number);
}

/** A rotation matrix turned by `angleRad` about the world vertical. */
export function turnAboutVertical(m: readonly number[], angleRad: number): number[] {
  const c = Math.cos(angleRad);
  const s = Math.sin(angleRad);
  return matMul([c, -s, 0, s, c, 0, 0, 0, 1], m);
}

/** Rotation a share `t` of the way from rotation matrix `a` to `b` (shortest arc). */
export function matSlerp(a: readonly number[], b: readonly number[], t: number): number[] {
  return quatToMat(quatSlerp(matToQuat(a), matToQuat(b), t));
}
