// Pixels grouped by the geom that owns them (a counting sort of the owner buffer), in row-major order.
//
// Shading then visits exactly the pixels of each geom instead of its whole screen footprint; an
// unbounded floor's footprint is the whole image even where a table hides it.

/**
 * Fills `offsets` (length >= geomCount + 1) and `list` (length >= pixel count) from `owner`: the
 * pixels of geom k are list[offsets[k]] .. list[offsets[k + 1] - 1].
 */
export function bucketByOwner(
  owner: Int32Array,
  geomCount: number,
  offsets: Int32Array,
  list: Int32Array,
): void {
  offsets.fill(0, 0, geomCount + 1);
  const n = owner.length;
  for (let p = 0; p < n; p++) {
    const o = owner[p] as number;
    if (o >= 0) offsets[o + 1] = (offsets[o + 1] as number) + 1;
  }
  for (let k = 0; k < geomCount; k++) offsets[k + 1] = (offsets[k + 1] as number) + (offsets[k] as number);
  // Scatter using offsets[k] as a cursor, then shift the cursors back into start offsets.
  for (let p = 0; p < n; p++) {
    const o = owner[p] as number;
    if (o < 0) continue;
    const at = offsets[o] as number;
    list[at] = p;
    offsets[o] = at + 1;
  }
  for (let k = geomCount; k > 0; k--) offsets[k] = offsets[k - 1] as number;
  offsets[0] = 0;
}
