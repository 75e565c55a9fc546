// Physics honesty over a whole rollout: which contacts count as solids passing into each other, and the deepest seen.

/** What a collision geom belongs to, in the words a rejection reports. */
export interface GeomOwner {
  /** `object` (labware or an instrument, `part` names a moving part), `liquid`, `robot`, `bench`, `floor`. */
  kind: 'object' | 'liquid' | 'robot' | 'bench' | 'floor';
  /** Object id, fill id (`beaker liquid`), robot link name, `bench` or `floor`. */
  name: string;
  /** Moving part of an instrument (`lid`, `start_button`), when the geom is on one. */
  part?: string;
}

export const ownerLabel = (o: GeomOwner): string =>
  o.kind === 'robot' ? `robot ${o.name}` : o.part ? `${o.name} ${o.part}` : o.name;

export const interpenetrationLimits = {
  /**
   * Deepest overlap of two solids tolerated on any frame. MuJoCo's soft contacts let resting labware sink
   * fractions of a millimetre and firm finger pads ~0.5 mm; the audit found release-phase overlaps of 5-20 mm.
   * Three millimetres separates the two with room on both sides (measured distribution in the README).
   */
  maxDepthM: 0.003,
};

/**
 * Liquid particles overlap each other by design (they stand for a continuum). Against the floor they do not
 * count either: only spilled liquid gets there, falling a bench height fast enough to sink a few millimetres in
 * one step, and the spill checks already reject it with its count. Against labware, the bench and the robot
 * they count: liquid passing into a wall is liquid escaping through it.
 */
export function contactCounts(a: GeomOwner, b: GeomOwner): boolean {
  if (a.kind === 'liquid' && (b.kind === 'liquid' || b.kind === 'floor')) return false;
  if (b.kind === 'liquid' && a.kind === 'floor') return false;
  return true;
}

export interface Penetration {
  /** The two bodies, labelled for a reader: `pcr-plate`, `robot link3`, `centrifuge lid`, `bench`. */
  bodies: [string, string];
  depthM: number;
  /** Recorded frame the overlap was seen at (the frame being recorded next when it fell between frames). */
  frame: number;
  timeS: number;
}

/**
 * Accumulates contacts tick by tick: the deepest counting overlap of the rollout (a quality metric) and the
 * first one beyond the limit (the rejection). Pure: the simulation adapter feeds it contacts.
 */
export class PenetrationTracker {
  deepest: Penetration | null = null;
  firstViolation: Penetration | null = null;

  constructor(readonly limitM = interpenetrationLimits.maxDepthM) {}

  observe(a: GeomOwner, b: GeomOwner, distM: number, frame: number, timeS: number): void {
    if (distM >= 0 || !contactCounts(a, b)) return;
    const depthM = -distM;
    if (this.deepest && depthM <= this.deepest.depthM && (this.firstViolation || depthM <= this.limitM))
      return;
    const hit: Penetration = { bodies: [ownerLabel(a), ownerLabel(b)], depthM, frame, timeS };
    if (!this.deepest || depthM > this.deepest.depthM) this.deepest = hit;
    if (!this.firstViolation && depthM > this.limitM) this.firstViolation = hit;
  }
}
