// Optional mp4 probing through ffprobe (when it is on PATH): stream size, frame rate and frame count.

import { execFile } from 'node:child_process';

export type ProbeResult =
  { width: number; height: number; fps: number | null; frames: number | null } | { error: string };

let available: boolean | null = null;

function run(args: string[]): Promise<{ stdout: string; missing: boolean; error: string | null }> {
  return new Promise((resolve) => {
    execFile('ffprobe', args, { timeout: 60_000, maxBuffer: 4 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT')
        resolve({ stdout: '', missing: true, error: null });
      else if (err)
        resolve({ stdout: String(stdout), missing: false, error: String(stderr || err.message).trim() });
      else resolve({ stdout: String(stdout), missing: false, error: null });
    });
  });
}

function parseRate(rate: unknown): number | null {
  if (typeof rate !== 'string') return null;
  const [num, den] = rate.split('/').map(Number);
  if (num === undefined || !Number.isFinite(num)) return null;
  if (den === undefined) return num;
  return den > 0 ? num / den : null;
}

/** Probes the first video stream; null when ffprobe is not installed (checks are then skipped). */
export async function probeVideo(path: string): Promise<ProbeResult | null> {
  if (available === false) return null;
  const r = await run([
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-count_packets',
    '-show_entries',
    'stream=width,height,avg_frame_rate,r_frame_rate,nb_read_packets',
    '-of',
    'json',
    path,
  ]);
  if (r.missing) {
    available = false;
    return null;
  }
  available = true;
  if (r.error !== null) return { error: r.error };
  try {
    const stream = (JSON.parse(r.stdout) as { streams?: Array<Record<string, unknown>> }).streams?.[0];
    if (!stream) return { error: 'no video stream' };
    const frames = Number(stream.nb_read_packets);
    return {
      width: Number(stream.width),
      height: Number(stream.height),
      fps: parseRate(stream.avg_frame_rate) ?? parseRate(stream.r_frame_rate),
      frames: Number.isFinite(frames) ? frames : null,
    };
  } catch (err) {
    return { error: `unexpected ffprobe output: ${String(err)}` };
  }
}
