// Reads a scene's liquid from the live simulation: particle positions and the particle count in each container.
import { liquidParticleName } from '../liquid/liquid-mjcf.js';
import { countLiquid, type LiquidCounts } from '../liquid/liquid-state.js';
import type { Vec3 } from '../motion/math3d.js';
import type { PlacedObject } from '../scenes/scene-instance.js';
import type { Simulation } from './simulation.js';

export class LiquidProbe {
  /** Body ids of every particle, fill by fill in scene order. */
  readonly particleBodies: number[] = [];
  /** Body ids of the particles of each filled object (its starting fill). */
  readonly fillBodies = new Map<string, number[]>();
  private readonly containers: Array<{ body: number; object: PlacedObject }> = [];

  constructor(
    readonly sim: Simulation,
    objects: readonly PlacedObject[],
  ) {
    for (const o of objects) {
      if (o.built.container) this.containers.push({ body: sim.id('body', o.body), object: o });
      if (!o.liquid) continue;
      const bodies = Array.from({ length: o.liquid.particles }, (_, i) =>
        sim.id('body', liquidParticleName(o.id, i)),
      );
      this.fillBodies.set(o.id, bodies);
      this.particleBodies.push(...bodies);
    }
  }

  /** World positions of every particle. */
  positions(): Vec3[] {
    const p = this.sim.data.xpos;
    return this.particleBodies.map((b) => [
      p[3 * b] as number,
      p[3 * b + 1] as number,
      p[3 * b + 2] as number,
    ]);
  }

  /** Particles per container (every container in the scene) and spilled, at the current state. */
  counts(): LiquidCounts {
    const d = this.sim.data;
    return countLiquid(
      this.positions(),
      this.containers.map(({ body, object }) => ({
        id: object.id,
        posM: [d.xpos[3 * body] as number, d.xpos[3 * body + 1] as number, d.xpos[3 * body + 2] as number],
        mat: d.xmat.subarray(9 * body, 9 * body + 9) as Float64Array,
        interior: object.built.container as NonNullable<PlacedObject['built']['container']>,
        footprintHalfM: object.built.footprintHalfM,
      })),
    );
  }
}
