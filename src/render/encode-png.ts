// PNG encoding of RGB frames via sharp, with fixed settings so equal pixels give equal bytes.

import sharp from 'sharp';

export interface EncodePngOptions {
  /** zlib level 0-9; 6 balances size and speed for 224x224 previews. */
  compressionLevel?: number;
}

export async function encodePng(
  rgb: Uint8Array,
  width: number,
  height: number,
  options: EncodePngOptions = {},
): Promise<Buffer> {
  if (rgb.length !== width * height * 3) {
    throw new RangeError(
      `RGB buffer has ${rgb.length} bytes; ${width}x${height}x3 needs ${width * height * 3}`,
    );
  }
  // No metadata is written and adaptive filtering/palette quantisation are off, so the bytes depend
  // only on the pixels and these settings.
  return sharp(rgb, { raw: { width, height, channels: 3 } })
    .png({
      compressionLevel: options.compressionLevel ?? 6,
      adaptiveFiltering: false,
      palette: false,
    })
    .toBuffer();
}
