import { describe, expect, it } from 'vitest';
import type { FrameObservation } from '../skills/skill.js';
import { liquidSpillChecks } from './liquid-spill.js';

const frame = (spilled: number, total = 40): FrameObservation => ({
  timeS: 0,
  phase: 'carry',
  tcpPosM: [0, 0, 0],
  gripperOpeningM: 0,
  objects: new Map(),
  touching: new Set(),
  partStates: new Map(),
  liquid: { byContainer: { beaker: total - spilled }, spilled, total },
});

describe('liquidSpillChecks', () => {
  it('passes a span that spills at most 5% and rejects one that spills more, counting from its own start', () => {
    const frames = [frame(0), frame(0), frame(2), frame(2), frame(5), frame(5)];
    const checks = liquidSpillChecks(frames, [
      { label: 'step 1', startFrame: 0, endFrame: 4 },
      { label: 'step 2', startFrame: 4, endFrame: 6 },
    ]);
    expect(checks.map((c) => c.ok)).toEqual([true, false]);
    expect(checks[0]?.metrics?.spilledParticles).toBe(2);
    expect(checks[1]?.code).toBe('liquid.spilled');
    expect(checks[1]?.metrics?.spilledParticles).toBe(3);
    expect(checks[1]?.detail).toBe('step 2 spilled 3 of 40 liquid particles (at most 2 may be)');
  });

  it('has nothing to judge without liquid', () => {
    const dry = { ...frame(0) };
    delete dry.liquid;
    expect(liquidSpillChecks([dry, dry], [{ label: 'x', startFrame: 0, endFrame: 2 }])).toEqual([]);
  });
});
