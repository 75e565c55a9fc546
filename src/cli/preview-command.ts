// `labgen preview robot ID` / `labgen preview scene ID`: write a PNG to look at a robot profile or a bench scene.
import { resolve } from 'node:path';
import { Command } from 'commander';
import { UserInputError } from '../errors.js';
import { intFlag, sizeFlag } from './flags.js';
import { type PreviewOptions, robotOverviewCamera, writePreview } from '../pipeline/preview.js';
import { loadCatalog, lookup } from '../schemas/catalog.js';
import type { CliContext } from './cli-context.js';

export function previewCommand(ctx: CliContext): Command {
  return new Command('preview')
    .description('Render a PNG of a robot at its home pose, or of a sampled bench scene')
    .argument('<kind>', 'robot|scene')
    .argument('<id>', 'robot id (labgen list robots) or scene id (labgen list scenes)')
    .option('--out <file>', 'PNG to write (default preview-<kind>-<id>.png)')
    .option('--scene <id>', 'bench for a robot preview', 'clean-table')
    .option('--robot <id>', 'robot for a scene preview', 'franka-panda')
    .option('--seed <n>', 'sample the scene with this seed (scene previews); without it, the nominal layout')
    .option('--size <WxH>', 'image size', '640x480')
    .addHelpText(
      'after',
      '\nExamples:\n  labgen preview robot ur5e --out ur5e.png\n  labgen preview scene clean-table --seed 3',
    )
    .action(
      async (
        kind: string,
        id: string,
        flags: { out?: string; scene: string; robot: string; seed?: string; size: string },
      ) => {
        if (kind !== 'robot' && kind !== 'scene') {
          throw new UserInputError('bad-kind', `unknown preview "${kind}"; choose robot or scene`, {
            validChoices: ['robot', 'scene'],
          });
        }
        const [widthPx, heightPx] = sizeFlag(flags.size, '--size', '640x480');
        const seed = intFlag(flags.seed, '--seed');
        const catalog = loadCatalog();
        const robot = lookup(
          catalog.robots,
          kind === 'robot' ? id : flags.robot,
          'robot',
          kind === 'robot' ? 'id' : '--robot',
        );
        const scene = lookup(
          catalog.scenes,
          kind === 'scene' ? id : flags.scene,
          'scene',
          kind === 'scene' ? 'id' : '--scene',
        );
        const out = resolve(flags.out ?? `preview-${kind}-${id}.png`);
        const mount = scene.robotMount.posM;
        const camera: PreviewOptions['camera'] =
          kind === 'robot'
            ? robotOverviewCamera(mount, robot.reachM)
            : {
                posM: [mount[0] + 1.5, mount[1] - 1.1, mount[2] + 1.0],
                lookAtM: [scene.bench.topCenterM[0], 0, scene.bench.topCenterM[2]],
                fovyDeg: 45,
              };
        await writePreview(
          {
            scene,
            robot,
            seed: seed ?? 0,
            randomize: seed !== undefined,
            widthPx,
            heightPx,
            camera,
            out,
          },
          catalog,
        );
        ctx.io.stdout.write(`${out}\n`);
      },
    );
}
