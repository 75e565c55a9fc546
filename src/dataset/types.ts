// The contract between the recorder and the dataset writers: a finished episode held as flat columns.

/** One entry of LeRobot `info.features` (lerobot-format.md §3). */
export interface FeatureSpec {
  dtype: 'float32' | 'float64' | 'int64' | 'int32' | 'bool' | 'image' | 'video' | 'string';
  shape: number[];
  names: string[] | null;
}

/** User features in column order; the writer appends the five default features itself. */
export type FeatureMap = Record<string, FeatureSpec>;

/**
 * A finished, accepted episode. Numeric features are flat row-major arrays of length `length * prod(shape)`
 * (Float32Array for float32, BigInt64Array for int64, Int32Array for int32, Float64Array for float64, a Uint8Array
 * of 0/1 for bool; a float array of the other width is converted). Image features hold raw RGB uint8 frames
 * (`length` arrays of H*W*3); the writer encodes them (PNG) and computes their stats.
 */
export interface EpisodeColumns {
  /** The natural-language task of the episode (a row of tasks.parquet): the whole protocol. */
  task: string;
  /**
   * Per frame, the language of the step it belongs to (`length` strings, each a row of tasks.parquet, pointed
   * at by the frame's task_index); absent: every frame carries `task`.
   */
  frameTasks?: string[];
  length: number;
  numeric: Record<string, Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array>;
  images: Record<string, Uint8Array[]>;
  /** Per-frame text of `string` features (`length` strings each); omit when there are none. */
  strings?: Record<string, string[]>;
  /** labgen's own per-episode annotations (skill segments, randomization, seed ...), kept beside the dataset. */
  labgen: Record<string, unknown>;
}
