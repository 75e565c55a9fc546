// What the place's container and slot planners share: where a held object hangs below a turned hand, and the
// lowering over a spot (above the rim or walls, a pause, slowly until contact, open, withdraw).
import { matMul, matTranspose, matVec, rotationAngle, sub, type Vec3 } from '../../motion/math3d.js';
import type { Waypoint } from '../skill.js';

/** The release and retreat heights and speeds the lowering needs (the place skill's parameters). */
export interface LoweringParams {
  releaseApproachSpeedMS: number;
  entryHoldS: number;
  releaseHoldS: number;
  retreatHeightM: number;
}

/** What the carry stage settled on, for the lowering planned once the object hangs over the spot. */
export interface LoweringPlan {
  /** Where the object's base goes (world, on the interior floor). */
  spotM: Vec3;
  /** Hand while carrying, and when letting go (levelled on leaning arms). */
  mat: number[];
  releaseMat: number[];
  /** The comfortable hand the retreat turns back to. */
  comfortable: number[];
  open: number;
  carryZ: number;
  cpose: { posM: Vec3; mat: number[] };
}

/**
 * Where a held object hangs below the TCP once the hand turns from `tcp` to `tcpMat`: the offset of its base
 * (its footprint centre goes over the spot) and the TCP's height above its lowest corner, which sits below
 * its base when it is tilted.
 */
export function hanging(
  tcp: { posM: Vec3; mat: number[] },
  held: { posM: Vec3; mat: number[] },
  built: { footprintHalfM: [number, number]; heightM: number } | undefined,
  tcpMat: readonly number[],
): { hangM: Vec3; tcpAboveLowestM: number } {
  const turn = matMul(tcpMat, matTranspose(tcp.mat));
  const hangM = matVec(turn, sub(held.posM, tcp.posM));
  const heldMat = matMul(turn, held.mat);
  const [hx, hy] = built?.footprintHalfM ?? [0, 0];
  let lowestBelowBaseM = 0;
  for (const [cx, cy] of [
    [hx, hy],
    [hx, -hy],
    [-hx, hy],
    [-hx, -hy],
  ] as const)
    for (const z of [0, built?.heightM ?? 0])
      lowestBelowBaseM = Math.min(lowestBelowBaseM, matVec(heldMat, [cx, cy, z])[2]);
  return { hangM, tcpAboveLowestM: -hangM[2] - lowestBelowBaseM };
}

export function releaseWaypoints(
  target: string,
  over: Vec3,
  plan: Pick<LoweringPlan, 'mat' | 'releaseMat' | 'comfortable' | 'open' | 'carryZ'>,
  release: Vec3,
  entryZ: number,
  p: LoweringParams,
): Waypoint[] {
  const { mat, releaseMat, comfortable, open, carryZ } = plan;
  const releaseZ = release[2];
  const clear: Vec3 = [release[0], release[1], Math.max(releaseZ + p.retreatHeightM, carryZ)];
  // A hand turned to square the object turns back once clear, so the next skill starts from a comfortable
  // wrist (measured: the Z1 could not reach its next grasp from a hand left turned by 0.74 rad).
  const unturn: Waypoint[] =
    rotationAngle(mat, comfortable) > 1e-3
      ? [
          {
            phase: 'retreat',
            posM: clear,
            mat: comfortable,
            gripperOpeningM: open,
            minDurationS: 0.3,
            holdS: 0,
          },
        ]
      : [];
  return [
    { phase: 'carry', posM: over, mat, gripperOpeningM: 0, minDurationS: 0.3, holdS: 0.1 },
    // Down to just above the rim, a pause for the servos to catch up, then slowly (position servos lag with
    // speed: lowering at full speed the Kinova Gen3 ran 20 mm behind and drifted 6-10 mm sideways, onto the
    // rim) until the object or a finger touches what it will rest on, at the latest just above the floor.
    {
      phase: 'release',
      posM: [release[0], release[1], entryZ],
      mat: releaseMat,
      gripperOpeningM: 0,
      minDurationS: 0.5,
      holdS: p.entryHoldS,
    },
    {
      phase: 'release',
      posM: release,
      mat: releaseMat,
      gripperOpeningM: 0,
      minDurationS: (entryZ - releaseZ) / p.releaseApproachSpeedMS,
      holdS: 0.1,
      guard: { kind: 'contact', object: target },
    },
    {
      phase: 'release',
      posM: release,
      mat: releaseMat,
      gripperOpeningM: open,
      minDurationS: 0.3,
      holdS: p.releaseHoldS,
      atGuardStop: true,
    },
    { phase: 'retreat', posM: clear, mat, gripperOpeningM: open, minDurationS: 0.6, holdS: 0 },
    ...unturn,
  ];
}
