// Loads the mujoco-js WebAssembly module once per process (creating it costs ~0.2 s).
import loadMujoco, { type MainModule } from 'mujoco-js';

let modulePromise: Promise<MainModule> | undefined;

export function mujocoModule(): Promise<MainModule> {
  if (!modulePromise) {
    modulePromise = loadMujoco().then((mj) => {
      (mj as unknown as { FS: { mkdir(p: string): void } }).FS.mkdir('/labgen');
      return mj;
    });
  }
  return modulePromise;
}
