/**
 * Draws the add-in's icons into addin/public/assets/icon-<size>.png (16, 32, 64, 80, 128):
 * a red disc with a yellow star and a yellow smile, after "Nụ cười chiến sĩ". No image library: the PNG is
 * written by hand (RGBA, deflated with node:zlib, CRC-32 per chunk). Edges are smoothed by 4×4 supersampling.
 *
 *   tsx scripts/make-icons.ts [--out <dir>]
 *
 * The output is deterministic: test/addin/icons.test.ts checks the committed files match.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';

export const ICON_SIZES = [16, 32, 64, 80, 128] as const;
export const ASSETS_DIR = path.resolve(__dirname, '..', 'addin', 'public', 'assets');

type Rgb = readonly [number, number, number];
const RED: Rgb = [0xda, 0x25, 0x1d]; // the red of the national flag
const YELLOW: Rgb = [0xff, 0xcd, 0x00];

// ── PNG ────────────────────────────────────────────────────────────────────────────────────────────

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309 / ITU-T V.42), as PNG uses it. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A truecolour-with-alpha PNG (8 bits per channel) of `rgba` (width × height × 4 bytes, row by row). */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new Error('encodePng: rgba has the wrong length');
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0
  ihdr[12] = 0; // no interlace
  const raw = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 4);
    raw[row] = 0; // filter type None
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, row + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

// ── The emblem, in unit coordinates (0…1, y down) ──────────────────────────────────────────────────

const STAR = (() => {
  const [cx, cy, outer] = [0.5, 0.37, 0.2];
  const inner = outer * 0.382; // a regular five-pointed star
  return Array.from({ length: 10 }, (_, i) => {
    const r = i % 2 === 0 ? outer : inner;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    return [cx + r * Math.cos(a), cy + r * Math.sin(a)] as const;
  });
})();

function inPolygon(x: number, y: number, polygon: readonly (readonly [number, number])[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i]!;
    const [xj, yj] = polygon[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

const SMILE = {
  cx: 0.5,
  cy: 0.44,
  r: 0.27,
  half: 0.05,
  from: (35 * Math.PI) / 180,
  to: (145 * Math.PI) / 180,
};

function inSmile(x: number, y: number): boolean {
  const { cx, cy, r, half, from, to } = SMILE;
  const dx = x - cx;
  const dy = y - cy;
  const angle = Math.atan2(dy, dx); // y down: the lower half has positive angles
  if (angle >= from && angle <= to && Math.abs(Math.hypot(dx, dy) - r) <= half) return true;
  // rounded ends
  return [from, to].some((a) => Math.hypot(x - (cx + r * Math.cos(a)), y - (cy + r * Math.sin(a))) <= half);
}

/** Colour and coverage of one sample point: the yellow marks sit on the red disc. */
function sample(x: number, y: number): Rgb | undefined {
  if (Math.hypot(x - 0.5, y - 0.5) > 0.48) return undefined;
  return inPolygon(x, y, STAR) || inSmile(x, y) ? YELLOW : RED;
}

/** The emblem as RGBA pixels, `size` × `size`. */
export function drawEmblem(size: number): Uint8Array {
  const n = 4; // samples per axis per pixel
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, covered] = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const colour = sample((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          covered++;
        }
      }
      const at = (py * size + px) * 4;
      if (covered === 0) continue; // transparent
      pixels[at] = Math.round(r / covered);
      pixels[at + 1] = Math.round(g / covered);
      pixels[at + 2] = Math.round(b / covered);
      pixels[at + 3] = Math.round((255 * covered) / (n * n));
    }
  }
  return pixels;
}

export function iconPng(size: number): Buffer {
  return encodePng(size, size, drawEmblem(size));
}

export function main(argv: string[]): number {
  let out = ASSETS_DIR;
  try {
    const { values } = parseArgs({ args: argv, strict: true, options: { out: { type: 'string' } } });
    if (values.out) out = path.resolve(values.out);
  } catch (error) {
    process.stderr.write(`make-icons: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  fs.mkdirSync(out, { recursive: true });
  for (const size of ICON_SIZES) {
    const file = path.join(out, `icon-${size}.png`);
    fs.writeFileSync(file, iconPng(size));
    process.stdout.write(`Wrote ${path.relative(process.cwd(), file) || file}\n`);
  }
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
