/** The hand-written PNG encoder and the committed icons (scripts/make-icons.ts). */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ASSETS_DIR, crc32, drawEmblem, encodePng, ICON_SIZES, iconPng } from '../../scripts/make-icons';

interface Decoded {
  width: number;
  height: number;
  rgba: Buffer;
  chunks: string[];
}

/** A strict little decoder for what encodePng writes: checks signature, every CRC and the scanlines. */
function decodePng(png: Buffer): Decoded {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks: string[] = [];
  const idat: Buffer[] = [];
  let width = 0;
  let height = 0;
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    chunks.push(type);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([...data.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  expect(raw.length).toBe(height * (1 + width * 4));
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (1 + width * 4)]).toBe(0);
    raw.copy(rgba, y * width * 4, y * (1 + width * 4) + 1, (y + 1) * (1 + width * 4));
  }
  return { width, height, rgba, chunks };
}

describe('PNG encoder', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.from('IEND'))).toBe(0xae426082);
  });

  it('round-trips pixels', () => {
    const rgba = Uint8Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 37) % 256);
    const decoded = decodePng(encodePng(3, 2, rgba));
    expect(decoded).toMatchObject({ width: 3, height: 2, chunks: ['IHDR', 'IDAT', 'IEND'] });
    expect([...decoded.rgba]).toEqual([...rgba]);
  });

  it('refuses pixels of the wrong length', () => {
    expect(() => encodePng(2, 2, new Uint8Array(15))).toThrow(/wrong length/);
  });
});

describe('icons', () => {
  it.each(ICON_SIZES.map((size) => [size]))('icon-%i.png is committed and up to date', (size) => {
    const file = path.join(ASSETS_DIR, `icon-${size}.png`);
    // Pixels, not bytes: another zlib could deflate the same pixels differently.
    const { width, height, rgba } = decodePng(fs.readFileSync(file));
    expect([width, height]).toEqual([size, size]);
    expect(rgba.equals(decodePng(iconPng(size)).rgba)).toBe(true);
    const pixel = (x: number, y: number) => [...rgba.subarray((y * size + x) * 4, (y * size + x) * 4 + 4)];
    expect(pixel(0, 0)[3]).toBe(0); // transparent corner
    expect(pixel(Math.floor(size * 0.1), Math.floor(size / 2))).toEqual([0xda, 0x25, 0x1d, 255]); // red disc
  });

  it('draws a yellow star and smile on the red disc', () => {
    const size = 128;
    const rgba = drawEmblem(size);
    const at = (x: number, y: number) => [...rgba.subarray((y * size + x) * 4, (y * size + x) * 4 + 4)];
    expect(at(64, Math.round(0.37 * size))).toEqual([0xff, 0xcd, 0x00, 255]); // the star's centre
    expect(at(64, Math.round(0.71 * size))).toEqual([0xff, 0xcd, 0x00, 255]); // the bottom of the smile
    expect(at(64, Math.round(0.62 * size))).toEqual([0xda, 0x25, 0x1d, 255]); // red between them
  });
});
