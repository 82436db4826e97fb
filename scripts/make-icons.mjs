// Draws the toolbar icon (two linked rings on MongoDB green) at each size the manifest names, as PNGs in public/icons.
// Run once after changing the drawing; the PNGs are committed so a build needs no image tools.
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel((x + 0.5) / size, (y + 0.5) / size, 1 / size);
      raw.set([r, g, b, a], y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const clamp = (v) => Math.max(0, Math.min(1, v));
// Signed distances, in icon units (0..1), turned into anti-aliased coverage.
const roundedSquare = (x, y) => {
  const r = 0.2;
  const qx = Math.abs(x - 0.5) - (0.5 - r);
  const qy = Math.abs(y - 0.5) - (0.5 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const ring = (x, y, cx, cy) => Math.abs(Math.hypot(x - cx, y - cy) - 0.17) - 0.055;
// One base icon per badge state, so the state reads even where the badge text is small: the tile's colour.
const STATES = {
  '': [0, 104, 74], // MongoDB green: no status known
  synced: [30, 125, 50],
  'not-synced': [180, 83, 9],
  error: [197, 34, 31],
  busy: [95, 99, 104],
};
const pixelIn = (tile) => (x, y, px) => {
  const bg = clamp(0.5 - roundedSquare(x, y) / px);
  const rings = clamp(0.5 - Math.min(ring(x, y, 0.37, 0.5), ring(x, y, 0.63, 0.5)) / px);
  const white = [255, 255, 255];
  const c = tile.map((g, i) => Math.round(g * (1 - rings) + white[i] * rings));
  return [...c, Math.round(255 * bg)];
};
mkdirSync('public/icons', { recursive: true });
for (const [state, tile] of Object.entries(STATES)) {
  for (const size of [16, 32, 48, 128]) {
    writeFileSync(`public/icons/icon${state ? `-${state}` : ''}-${size}.png`, png(size, pixelIn(tile)));
  }
}
console.log('icons written to public/icons');
