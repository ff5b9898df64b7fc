/**
 * A lower bound on the entropy-coded bytes a Huffman JPEG must hold for the size its frame
 * header claims, so that a small file claiming tens of megapixels is refused before jpeg-js
 * allocates and fills the whole frame (measured on a 1,031-byte fuzz case claiming 65,535 x 1,056:
 * 11 s of CPU and 2 GB of memory before it failed).
 *
 * Why it holds: every 8x8 block of a component is coded with at least one Huffman code of its
 * DC difference, and Huffman codes are at least one bit long (ITU T.81 sec. F.1.2.1 for
 * sequential, G.1.2.1 for the progressive DC scans; code lengths 1..16, sec. C). So the scan data
 * holds at least one bit per block of the component with the most blocks.
 */

/**
 * requires: bytes passed readJpegHeader (SOI, well-formed segments, SOF0/1/2 before the first SOS).
 * ensures: { need, have } in bytes: `need` = ceil(max over components of its block count / 8),
 *   `have` = bytes from the first SOS segment to the end; need 0 when no SOF/SOS is found.
 */
export function jpegScanBytes(bytes: Uint8Array): { need: number; have: number } {
  const n = bytes.length;
  let pos = 2;
  let frame: { width: number; height: number; sampling: Array<[number, number]> } | undefined;
  while (pos < n && bytes[pos] === 0xff) {
    while (pos < n && bytes[pos] === 0xff) pos++;
    const marker = bytes[pos++];
    if (marker === undefined || marker === 0xd9) break;
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) continue;
    if (pos + 2 > n) break;
    const len = (bytes[pos]! << 8) | bytes[pos + 1]!;
    const body = pos + 2;
    if (marker === 0xc0 || marker === 0xc1 || marker === 0xc2) {
      const count = bytes[body + 5] ?? 0;
      const sampling: Array<[number, number]> = [];
      for (let c = 0; c < count && body + 8 + 3 * c <= n; c++) {
        const hv = bytes[body + 7 + 3 * c]!;
        sampling.push([hv >> 4, hv & 15]);
      }
      frame = { height: (bytes[body + 1]! << 8) | bytes[body + 2]!, width: (bytes[body + 3]! << 8) | bytes[body + 4]!, sampling };
    } else if (marker === 0xda) {
      if (!frame || frame.sampling.length === 0) break;
      const hMax = Math.max(...frame.sampling.map(([h]) => h), 1);
      const vMax = Math.max(...frame.sampling.map(([, v]) => v), 1);
      // T.81 A.1.1: a component is ceil(X * H / Hmax) x ceil(Y * V / Vmax) samples.
      let blocks = 0;
      for (const [h, v] of frame.sampling) {
        blocks = Math.max(blocks, Math.ceil(Math.ceil((frame.width * h) / hMax) / 8) * Math.ceil(Math.ceil((frame.height * v) / vMax) / 8));
      }
      return { need: Math.ceil(blocks / 8), have: n - pos };
    }
    pos += len;
  }
  return { need: 0, have: n };
}
