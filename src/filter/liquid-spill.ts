// Liquid kept where it belongs: a step that only carries a filled vessel (a transport, a place, a transition)
// may spill at most a small share of the liquid.
import type { CheckResult, FrameObservation } from '../skills/skill.js';

export const liquidSpillDefaults = {
  /** Share of all particles a step that does not pour may spill (issue: transport tasks at most 5 %). */
  maxSpilledFraction: 0.05,
};

/** A stretch of the episode judged on its own: a timeline segment's frames, [startFrame, endFrame). */
export interface SpillSpan {
  label: string;
  startFrame: number;
  endFrame: number;
  /** This span's own allowance (a pour's), instead of the default. */
  maxSpilledFraction?: number;
}

/**
 * One check per span: the particles lying in no container at the span's end, less those spilled before it
 * began, must be at most `maxSpilledFraction` of all particles. Counted on the span's last frame, after the
 * settle, so particles still in flight over a target count as spilled only if they land outside it.
 */
export function liquidSpillChecks(
  observations: readonly FrameObservation[],
  spans: readonly SpillSpan[],
  maxSpilledFraction = liquidSpillDefaults.maxSpilledFraction,
): CheckResult[] {
  if (!observations.some((o) => o.liquid)) return [];
  return spans.flatMap((span) => {
    const first = observations[span.startFrame - 1] ?? observations[span.startFrame];
    const last = observations[Math.min(span.endFrame, observations.length) - 1];
    if (!first?.liquid || !last?.liquid || span.endFrame <= span.startFrame) return [];
    const spilled = last.liquid.spilled - first.liquid.spilled;
    const allowed = Math.floor((span.maxSpilledFraction ?? maxSpilledFraction) * last.liquid.total);
    const metrics = { spilledParticles: spilled, liquidParticles: last.liquid.total };
    return [
      spilled > allowed
        ? {
            predicate: 'liquid.kept',
            ok: false,
            code: 'liquid.spilled',
            detail: `${span.label} spilled ${spilled} of ${last.liquid.total} liquid particles (at most ${allowed} may be)`,
            metrics,
          }
        : { predicate: 'liquid.kept', ok: true, metrics },
    ];
  });
}
