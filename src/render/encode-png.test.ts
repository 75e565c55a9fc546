// encodePng: valid, lossless and byte-for-byte reproducible PNGs.

import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encodePng } from './encode-png.js';

function gradient(width: number, height: number): Uint8Array {
  const rgb = new Uint8Array(width * height * 3);
  for (let p = 0; p < width * height; p++) {
    rgb[3 * p] = p % 256;
    rgb[3 * p + 1] = (p * 7) % 256;
    rgb[3 * p + 2] = (p * 13) % 256;
  }
  return rgb;
}

describe('encodePng', () => {
  it('writes a PNG that decodes to the same pixels', async () => {
    const rgb = gradient(37, 23);
    const png = await encodePng(rgb, 37, 23);
    expect(Array.from(png.subarray(0, 8))).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([37, 23, 3]);
    expect(Buffer.compare(data, Buffer.from(rgb))).toBe(0);
  });

  it('gives identical bytes for identical pixels', async () => {
    const rgb = gradient(64, 48);
    const a = await encodePng(rgb, 64, 48);
    const b = await encodePng(Uint8Array.from(rgb), 64, 48);
    expect(Buffer.compare(a, b)).toBe(0);
  });

  it('rejects a buffer of the wrong size', async () => {
    await expect(encodePng(new Uint8Array(10), 2, 2)).rejects.toThrow(/2x2x3 needs 12/);
  });
});
