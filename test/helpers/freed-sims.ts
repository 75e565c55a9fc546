// Loads simulations for a test file and frees each test's models when that test ends: kept to the end of a
// file, they exhaust the 2 GiB WASM heap.
import { afterEach } from 'vitest';
import { Simulation } from '../../src/sim/simulation.js';

export function simsFreedAfterEachTest(): (xml: string) => Promise<Simulation> {
  const sims: Simulation[] = [];
  afterEach(() => {
    for (const s of sims.splice(0)) s.delete();
  });
  return async (xml) => {
    const sim = await Simulation.fromXml(xml);
    sims.push(sim);
    return sim;
  };
}
