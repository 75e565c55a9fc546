// `labgen plan` end to end (in-process CLI): JSON steps with parts and arguments, the default scene choice,
// named starts and recipes, and exit 2 naming the problem for instructions that must not become plans.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../src/schemas/load-data-file.js';
import { labgen } from './helpers/run-cli.js';

const json = async (...args: string[]) => {
  const run = await labgen('plan', '--json', ...args);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as {
    instruction: string;
    scene: string;
    start?: string;
    steps: {
      skill: string;
      target: string;
      part?: string;
      destination?: string;
      args?: object;
      text: string;
    }[];
  };
};

describe('labgen plan', () => {
  it('prints the steps with their parts and arguments', async () => {
    const out = await json(
      'open the lid of the thermal cycler, place pcrPlate into the thermal cycler, close the lid, screw tighten the knob of the thermal cycler',
    );
    expect(out.scene).toBe('thermal-cycler-bench');
    expect(out.steps).toEqual([
      {
        skill: 'open-lid',
        target: 'thermal-cycler',
        part: 'lid',
        text: 'open the lid of the thermal cycler',
      },
      {
        skill: 'pick-place',
        target: 'pcr-plate',
        destination: 'thermal-cycler',
        text: 'place pcrPlate into the thermal cycler',
      },
      { skill: 'close-lid', target: 'thermal-cycler', part: 'lid', text: 'close the lid' },
      {
        skill: 'turn-knob',
        target: 'thermal-cycler',
        part: 'knob',
        args: { direction: 'tighten' },
        text: 'screw tighten the knob of the thermal cycler',
      },
    ]);
  });

  it.each([
    [
      'open the lid of the centrifuge5910, close it, then press the screen button',
      'centrifuge-bench',
      undefined,
    ],
    ['put the PCR plate into the basket', 'clean-table', undefined],
    ['tighten the knob of the thermal cycler', 'thermal-cycler-bench', undefined],
    [
      'press the screen button to stop the centrifuge5910, open the lid of the centrifuge5910',
      'centrifuge-bench',
      'running',
    ],
    [
      'press the button to stop the thermal cycler, screw loosen the knob of the thermal cycler',
      'thermal-cycler-bench',
      'running',
    ],
  ])('chooses the scene the objects fit: %s', async (text, scene, start) => {
    const out = await json(text);
    expect([out.scene, out.start]).toEqual([scene, start]);
  });

  it('plans a recipe, and a scene start given by flags', async () => {
    const b = await json('--recipe', join(packageRoot, 'recipes/sci-vla-task-b.yaml'));
    expect([b.scene, b.start, b.steps.length]).toEqual(['centrifuge-bench', 'running', 5]);
    const stop = await json('--scene', 'centrifuge-bench', '--start', 'running', 'stop the centrifuge');
    expect(stop.steps.map((s) => [s.skill, s.part])).toEqual([['press-button', 'start_button']]);
  });

  it.each([
    [
      ['--scene', 'centrifuge-bench', 'place the experimental tube into the centrifuge'],
      /open the lid of the centrifuge first/,
    ],
    [
      ['--scene', 'centrifuge-bench', 'put the tube into the basket'],
      /could be the experimental centrifuge tube or the balance centrifuge tube/,
    ],
    [
      ['--scene', 'storage-bench', 'put the vial into the incubator'],
      /could be the first vial or the second vial/,
    ],
    [
      ['--scene', 'clean-table', 'pick the pipete into the basket'],
      /unknown word "pipete".*closest: .*pipette/,
    ],
    [['--scene', 'centrifuge-bench', 'pick the centrifuge into the basket'], /cannot be picked up/],
    [['--scene', 'clean-table', 'pick the tube and the plate'], /hand already holds/],
    [['--scene', 'centrifuge-bench', '--start', 'stopped', 'open the lid'], /no start "stopped"/],
    [
      ['close the lid of the centrifuge, place the experimental tube into the centrifuge'],
      /closest is centrifuge-[\s\S]*"place the experimental tube into the centrifuge": .*open the lid of the centrifuge first/,
    ],
  ])('exits 2 for %j', async (args, message) => {
    const run = await labgen('plan', ...args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('teaches the protocol forms in --help', async () => {
    const run = await labgen('plan', '--help');
    expect(run.code).toBe(0);
    for (const phrase of [
      'numbered',
      'pick-place',
      'press-button',
      'turn-knob',
      'its lid',
      'steps:',
      '--start',
      '--recipe',
    ]) {
      expect(run.stdout).toContain(phrase);
    }
  });
});
