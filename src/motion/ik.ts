// Damped-least-squares inverse kinematics for the tool-centre point, with null-space posture for redundant arms.
import type { Vec3 } from './math3d.js';

/**
 * Evaluates forward kinematics and the TCP Jacobians (3 x dof each, row-major) at joint angles q. The Jacobian
 * arrays may be reused by the next call (the IK loop consumes them at once).
 */
export interface KinematicsProbe {
  readonly dof: number;
  readonly lowerRad: readonly number[];
  readonly upperRad: readonly number[];
  probe(q: readonly number[]): { posM: Vec3; mat: number[]; jacp: Float64Array; jacr: Float64Array };
}

export interface PoseTarget {
  posM: Vec3;
  /** Desired TCP orientation, row-major 3x3 (columns are the TCP axes in world coordinates). */
  mat: number[];
}

export interface IkOptions {
  iterations: number;
  dampingM: number;
  posTolM: number;
  rotTolRad: number;
  /** Weight of the orientation error relative to position (1 rad ~ this many metres). */
  rotWeightM: number;
  maxStepRad: number;
  /** Preferred joint angles, pulled toward in the Jacobian's null space (redundant arms). */
  posture?: readonly number[];
  postureGain: number;
  /**
   * When the full pose cannot be met (a 5-joint arm, a wrist on its limit), up to this many further
   * iterations with the orientation weighted down to `positionFirstRotWeightM`: the position is met with the
   * best orientation the arm can reach, and the orientation error is reported.
   */
  positionFirstIterations: number;
  positionFirstRotWeightM: number;
}

export const defaultIkOptions: IkOptions = {
  iterations: 60,
  dampingM: 0.02,
  posTolM: 5e-4,
  rotTolRad: 5e-3,
  rotWeightM: 0.3,
  maxStepRad: 0.25,
  postureGain: 0.05,
  positionFirstIterations: 0,
  positionFirstRotWeightM: 0.01,
};

export interface IkResult {
  q: number[];
  posErrM: number;
  rotErrRad: number;
  converged: boolean;
}

/** Axis-angle vector of R_des * R_cur^T (world frame): the rotation still to go. */
export function rotationError(cur: readonly number[], des: readonly number[]): Vec3 {
  // E = des * cur^T
  const e = (i: number, j: number) =>
    (des[i * 3] as number) * (cur[j * 3] as number) +
    (des[i * 3 + 1] as number) * (cur[j * 3 + 1] as number) +
    (des[i * 3 + 2] as number) * (cur[j * 3 + 2] as number);
  const tr = e(0, 0) + e(1, 1) + e(2, 2);
  const cosA = Math.min(1, Math.max(-1, (tr - 1) / 2));
  const angle = Math.acos(cosA);
  const v: Vec3 = [e(2, 1) - e(1, 2), e(0, 2) - e(2, 0), e(1, 0) - e(0, 1)];
  const s = Math.hypot(...v);
  if (s < 1e-9) {
    if (angle < 1e-6) return [0, 0, 0];
    // Half-turn: the axis is the column of (E + I) with the largest norm.
    const cols: Vec3[] = [0, 1, 2].map(
      (j) => [e(0, j) + (j === 0 ? 1 : 0), e(1, j) + (j === 1 ? 1 : 0), e(2, j) + (j === 2 ? 1 : 0)] as Vec3,
    );
    const best =
      cols.map((c) => ({ c, n: Math.hypot(c[0], c[1], c[2]) })).sort((a, b) => b.n - a.n)[0]?.c ??
      (cols[0] as Vec3);
    const n = Math.hypot(...best);
    return [(best[0] / n) * angle, (best[1] / n) * angle, (best[2] / n) * angle];
  }
  return [(v[0] / s) * angle, (v[1] / s) * angle, (v[2] / s) * angle];
}

/** Solves A x = b in place for a small dense symmetric positive-definite system (Gaussian elimination). */
function solveSmall(a: number[], b: number[], n: number): number[] {
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++)
      if (Math.abs(a[r * n + c] as number) > Math.abs(a[p * n + c] as number)) p = r;
    if (p !== c) {
      for (let k = 0; k < n; k++)
        [a[c * n + k], a[p * n + k]] = [a[p * n + k] as number, a[c * n + k] as number];
      [b[c], b[p]] = [b[p] as number, b[c] as number];
    }
    const piv = a[c * n + c] as number;
    for (let r = c + 1; r < n; r++) {
      const f = (a[r * n + c] as number) / piv;
      if (f === 0) continue;
      for (let k = c; k < n; k++) a[r * n + k] = (a[r * n + k] as number) - f * (a[c * n + k] as number);
      b[r] = (b[r] as number) - f * (b[c] as number);
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r] as number;
    for (let k = r + 1; k < n; k++) s -= (a[r * n + k] as number) * (x[k] as number);
    x[r] = s / (a[r * n + r] as number);
  }
  return x;
}

const NONE_LOCKED: ReadonlySet<number> = new Set();

/** One damped-least-squares step (plus null-space posture for redundant arms), ignoring `locked` joints. */
function dlsStep(
  Jfull: readonly number[],
  err: readonly number[],
  q: readonly number[],
  n: number,
  o: IkOptions,
  locked: ReadonlySet<number>,
): number[] {
  const J = locked.size === 0 ? Jfull : Jfull.map((v, idx) => (locked.has(idx % n) ? 0 : v));
  const lam2 = o.dampingM * o.dampingM;
  const A = new Array<number>(36).fill(0);
  for (let i = 0; i < 6; i++) {
    for (let j = 0; j < 6; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += (J[i * n + k] as number) * (J[j * n + k] as number);
      A[i * 6 + j] = s + (i === j ? lam2 : 0);
    }
  }
  const x = solveSmall([...A], [...err], 6);
  const dq = new Array<number>(n).fill(0);
  for (let k = 0; k < n; k++)
    for (let i = 0; i < 6; i++) dq[k] = (dq[k] as number) + (J[i * n + k] as number) * (x[i] as number);
  if (o.posture && n - locked.size > 6) {
    // Null-space projection of the posture pull: v - J^T (J J^T + l^2 I)^-1 J v.
    const v = q.map((qi, k) => (locked.has(k) ? 0 : o.postureGain * ((o.posture?.[k] as number) - qi)));
    const Jv = [0, 1, 2, 3, 4, 5].map((i) => v.reduce((s, vk, k) => s + (J[i * n + k] as number) * vk, 0));
    const y = solveSmall([...A], Jv, 6);
    for (let k = 0; k < n; k++) {
      let s = 0;
      for (let i = 0; i < 6; i++) s += (J[i * n + k] as number) * (y[i] as number);
      dq[k] = (dq[k] as number) + (v[k] as number) - s;
    }
  }
  return dq;
}

/** Position gain (m) below which the position-first pass is not taken. */
const POSITION_FIRST_MIN_GAIN_M = 0.001;

export function solveIk(
  kin: KinematicsProbe,
  target: PoseTarget,
  seed: readonly number[],
  options: Partial<IkOptions> = {},
): IkResult {
  const o = { ...defaultIkOptions, ...options };
  const full = iterate(kin, target, seed, o.iterations, o.rotWeightM, o);
  if (o.positionFirstIterations <= 0 || full.posErrM < o.posTolM * 4) return full;
  const trade = iterate(kin, target, full.q, o.positionFirstIterations, o.positionFirstRotWeightM, o);
  // Only for a real gain: ordinary tracking lag is not worth giving up orientation.
  return trade.posErrM < full.posErrM - POSITION_FIRST_MIN_GAIN_M ? trade : full;
}

function iterate(
  kin: KinematicsProbe,
  target: PoseTarget,
  seed: readonly number[],
  iterations: number,
  rotWeightM: number,
  o: IkOptions,
): IkResult {
  const n = kin.dof;
  const q = [...seed];
  let posErr = Infinity;
  let rotErr = Infinity;
  for (let it = 0; it <= iterations; it++) {
    const f = kin.probe(q);
    const ep: Vec3 = [target.posM[0] - f.posM[0], target.posM[1] - f.posM[1], target.posM[2] - f.posM[2]];
    const er = rotationError(f.mat, target.mat);
    posErr = Math.hypot(...ep);
    rotErr = Math.hypot(...er);
    if (posErr < o.posTolM && rotErr < o.rotTolRad) break;
    if (it === iterations) break;
    // Stack [Jp; w*Jr] and the error [ep; w*er] so both are in metres.
    const w = rotWeightM;
    const J: number[] = [];
    for (let r = 0; r < 3; r++) for (let c = 0; c < n; c++) J.push(f.jacp[r * n + c] as number);
    for (let r = 0; r < 3; r++) for (let c = 0; c < n; c++) J.push(w * (f.jacr[r * n + c] as number));
    const err = [...ep, w * er[0], w * er[1], w * er[2]];
    let dq = dlsStep(J, err, q, n, o, NONE_LOCKED);
    // A joint sitting on its limit and pushed further would eat the step: take it out and solve again,
    // so the other joints (e.g. swinging the elbow sideways) do the work.
    let locked: Set<number> | undefined;
    for (let k = 0; k < n; k++) {
      const qk = q[k] as number;
      const dk = dq[k] as number;
      if (
        (qk <= (kin.lowerRad[k] as number) + 1e-6 && dk < 0) ||
        (qk >= (kin.upperRad[k] as number) - 1e-6 && dk > 0)
      )
        (locked ??= new Set()).add(k);
    }
    if (locked && locked.size < n) dq = dlsStep(J, err, q, n, o, locked);
    const biggest = Math.max(...dq.map(Math.abs));
    const shrink = biggest > o.maxStepRad ? o.maxStepRad / biggest : 1;
    for (let k = 0; k < n; k++) {
      const next = (q[k] as number) + (dq[k] as number) * shrink;
      q[k] = Math.min(kin.upperRad[k] as number, Math.max(kin.lowerRad[k] as number, next));
    }
  }
  return {
    q,
    posErrM: posErr,
    rotErrRad: rotErr,
    converged: posErr < o.posTolM * 4 && rotErr < o.rotTolRad * 4,
  };
}

/** Clearance from a joint limit below which a solution counts as riding the limit. */
const LIMIT_MARGIN_RAD = 0.02;

/**
 * The joint positions that meet the whole pose (no orientation traded) with every joint clear of its limits, or
 * undefined when the arm cannot.
 */
export function comfortableSolution(
  kin: KinematicsProbe,
  target: PoseTarget,
  seed: readonly number[],
  options: { posture?: readonly number[]; posTolM?: number; rotTolRad?: number; iterations?: number } = {},
): readonly number[] | undefined {
  const { posture, posTolM = 0.003, rotTolRad = 0.02, iterations = 100 } = options;
  const ik = solveIk(kin, target, seed, { iterations, ...(posture ? { posture } : {}) });
  const ok =
    ik.posErrM < posTolM &&
    ik.rotErrRad < rotTolRad &&
    ik.q.every(
      (v, j) =>
        v > (kin.lowerRad[j] as number) + LIMIT_MARGIN_RAD &&
        v < (kin.upperRad[j] as number) - LIMIT_MARGIN_RAD,
    );
  return ok ? ik.q : undefined;
}

/** Whether the arm meets the whole pose (no orientation traded) with every joint clear of its limits. */
export function reachesComfortably(
  kin: KinematicsProbe,
  target: PoseTarget,
  seed: readonly number[],
  options: { posture?: readonly number[]; posTolM?: number; rotTolRad?: number; iterations?: number } = {},
): boolean {
  return comfortableSolution(kin, target, seed, options) !== undefined;
}
