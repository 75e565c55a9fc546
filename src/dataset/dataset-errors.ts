// Typed errors raised by the dataset readers and writers (stable codes; the CLI maps them to exit codes).

export type ParquetReadErrorCode =
  'PARQUET_TRUNCATED' | 'PARQUET_NOT_PARQUET' | 'PARQUET_CORRUPT' | 'PARQUET_IO';

/** A Parquet file could not be read: missing, truncated, garbage, or rejected by the decoder. */
export class ParquetReadError extends Error {
  constructor(
    readonly code: ParquetReadErrorCode,
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'ParquetReadError';
  }
}

export type DatasetWriteErrorCode =
  | 'INVALID_FEATURES'
  | 'INVALID_OPTIONS'
  | 'INVALID_EPISODE'
  | 'NON_FINITE_VALUE'
  | 'UNSUPPORTED_FEATURE'
  | 'EMPTY_DATASET'
  | 'WRITER_CLOSED'
  | 'PARQUET_WRITE';

/**
 * The writer was given something it cannot write (a programming error upstream, e.g. a column of the wrong
 * length), or it was used after finalize(). The message names the episode and feature concerned.
 */
export class DatasetWriteError extends Error {
  constructor(
    readonly code: DatasetWriteErrorCode,
    message: string,
    readonly details: { episode?: number; feature?: string } = {},
  ) {
    super(message);
    this.name = 'DatasetWriteError';
  }
}
