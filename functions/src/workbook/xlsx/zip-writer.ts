/**
 * A zip archive written as it is made, for the streaming .xlsx writer (docs/architecture.md, "The
 * summary export"): each entry is deflated while its text is produced, a part's text is never held
 * whole, and sizes and CRC go in a data descriptor after the data (general-purpose flag bit 3,
 * APPNOTE 4.3.9), so nothing is written twice. What comes out goes to `sink` chunk by chunk.
 * No Zip64: an .xlsx of the product stays far below 4 GB.
 */
import { once } from 'node:events';
import zlib from 'node:zlib';

const SIG_LOCAL = 0x04034b50;
const SIG_DESCRIPTOR = 0x08074b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
/** Bit 3: sizes in the data descriptor; bit 11: the name is UTF-8. */
const FLAGS = 0x0008 | 0x0800;
/** Text is gathered into pieces of this size before it is deflated. */
const PIECE = 256 * 1024;

interface Written {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

/** One entry being written: `write` its text in order, then `close`. */
export interface ZipEntry {
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

export class ZipWriter {
  private readonly entries: Written[] = [];
  private offset = 0;
  private readonly stamp: { time: number; date: number };
  private open = false;

  constructor(
    private readonly sink: (chunk: Buffer) => void,
    now: Date = new Date(),
  ) {
    this.stamp = dosTime(now);
  }

  private emit(chunk: Buffer) {
    this.offset += chunk.length;
    this.sink(chunk);
  }

  /** Starts an entry; entries are written one after the other. */
  entry(name: string): ZipEntry {
    if (this.open) throw new Error('zip: an entry is still open');
    this.open = true;
    const written: Written = {
      name: Buffer.from(name, 'utf8'),
      crc: 0,
      compressed: 0,
      size: 0,
      offset: this.offset,
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(SIG_LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(FLAGS, 6);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(this.stamp.time, 10);
    local.writeUInt16LE(this.stamp.date, 12);
    // CRC and sizes (14–25) stay 0: they follow the data.
    local.writeUInt16LE(written.name.length, 26);
    this.emit(local);
    this.emit(written.name);

    const deflate = zlib.createDeflateRaw({ level: 6 });
    deflate.on('data', (chunk: Buffer) => {
      written.compressed += chunk.length;
      this.emit(chunk);
    });
    const ended = once(deflate, 'end');
    let pieces: string[] = [];
    let pending = 0;
    const flush = async () => {
      if (pending === 0) return;
      const bytes = Buffer.from(pieces.join(''), 'utf8');
      pieces = [];
      pending = 0;
      written.crc = zlib.crc32(bytes, written.crc);
      written.size += bytes.length;
      if (!deflate.write(bytes)) await once(deflate, 'drain');
    };
    return {
      write: async (text: string) => {
        pieces.push(text);
        pending += text.length;
        if (pending >= PIECE) await flush();
      },
      close: async () => {
        await flush();
        deflate.end();
        await ended;
        const descriptor = Buffer.alloc(16);
        descriptor.writeUInt32LE(SIG_DESCRIPTOR, 0);
        descriptor.writeUInt32LE(written.crc >>> 0, 4);
        descriptor.writeUInt32LE(written.compressed, 8);
        descriptor.writeUInt32LE(written.size, 12);
        this.emit(descriptor);
        this.entries.push(written);
        this.open = false;
      },
    };
  }

  /** A small entry written at once. */
  async add(name: string, text: string): Promise<void> {
    const e = this.entry(name);
    await e.write(text);
    await e.close();
  }

  /** The central directory and its end record. */
  finish(): void {
    if (this.open) throw new Error('zip: an entry is still open');
    const start = this.offset;
    for (const e of this.entries) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(SIG_CENTRAL, 0);
      h.writeUInt16LE(20, 4); // made by
      h.writeUInt16LE(20, 6); // needed
      h.writeUInt16LE(FLAGS, 8);
      h.writeUInt16LE(8, 10);
      h.writeUInt16LE(this.stamp.time, 12);
      h.writeUInt16LE(this.stamp.date, 14);
      h.writeUInt32LE(e.crc >>> 0, 16);
      h.writeUInt32LE(e.compressed, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      h.writeUInt32LE(e.offset, 42);
      this.emit(h);
      this.emit(e.name);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(SIG_EOCD, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    this.emit(end);
  }
}
