// The issue's own check, end to end through the CLI: Sci-VLA task C (load the PCR plate into the thermal cycler,
// close and screw its lid, start it) on the UR5e gives an accepted 5-skill episode with 4 transitions, the
// dataset passes `labgen validate`, and the recorded instrument states show each step's effect.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labgen } from './helpers/run-cli.js';

interface Segment {
  kind: string;
  skill: string;
  step: number;
  startFrame: number;
  endFrame: number;
  success: boolean;
  instrumentStates: Array<{
    object: string;
    before: Record<string, unknown>;
    after: Record<string, unknown>;
    registered: string[];
  }>;
}

describe('Sci-VLA task C on the UR5e (recipes/sci-vla-task-c.yaml)', () => {
  const work = mkdtempSync(join(tmpdir(), 'labgen-sci-vla-c-'));
  const dataset = join(work, 'ur5e');
  let segments: Segment[] = [];
  let generated = { code: -1, stderr: '' };
  beforeAll(async () => {
    generated = await labgen(
      'generate',
      '--recipe',
      'recipes/sci-vla-task-c.yaml',
      '--robots',
      'ur5e',
      '--episodes',
      '1',
      '--cameras',
      'front',
      '--image-size',
      '32x32',
      '--out',
      work,
      '--quiet',
    );
    const first = readFileSync(join(dataset, 'meta/labgen/episodes.jsonl'), 'utf8').split('\n')[0] ?? '{}';
    segments = (JSON.parse(first) as { segments: Segment[] }).segments;
  }, 600_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('writes an accepted episode of 5 skills and 4 transitions that labgen validate passes', async () => {
    expect(generated.stderr).toBe('');
    expect(generated.code).toBe(0);
    expect(segments.filter((s) => s.kind === 'skill').map((s) => s.skill)).toEqual([
      'open-lid',
      'pick-place',
      'close-lid',
      'turn-knob',
      'press-button',
    ]);
    expect(segments.filter((s) => s.kind === 'transition')).toHaveLength(4);
    expect(segments.every((s) => s.success)).toBe(true);
    const validate = await labgen('validate', dataset);
    expect(validate.code).toBe(0);
  });

  it("records each step's effect on the thermal cycler", () => {
    const entry = (skill: string) =>
      segments
        .find((s) => s.kind === 'skill' && s.skill === skill)
        ?.instrumentStates.find((i) => i.object === 'thermal-cycler');
    const state = (skill: string, when: 'before' | 'after') => entry(skill)?.[when] ?? {};
    // The lid's range is 1.75 rad: open past 80% of it, closed within 0.05 rad.
    expect(Number(state('open-lid', 'before').lidAngleRad)).toBeLessThan(0.05);
    expect(Number(state('open-lid', 'after').lidAngleRad)).toBeGreaterThan(1.4);
    expect(Number(state('close-lid', 'after').lidAngleRad)).toBeLessThan(0.05);
    // "screw tighten": the knob turned by half a turn (within 10 degrees) the tightening way.
    const turned =
      Number(state('turn-knob', 'after').knobAngleRad) - Number(state('turn-knob', 'before').knobAngleRad);
    expect(Math.abs(Math.abs(turned) - Math.PI)).toBeLessThan((10 * Math.PI) / 180);
    // The button registered during the press, and sprang back after it; no other step pressed it.
    expect(entry('press-button')?.registered).toEqual(['startButtonPressed']);
    expect(state('press-button', 'after').startButtonPressed).toBe(false);
    for (const skill of ['open-lid', 'pick-place', 'close-lid', 'turn-knob'])
      expect(entry(skill)?.registered).toEqual([]);
  });
});
