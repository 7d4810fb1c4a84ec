/**
 * A zip archive read from memory, for .xlsx packages: the central directory gives each entry's
 * name and where its data is; an entry is inflated only when asked for, off the API's event loop
 * (see `inflate`), and the bytes it actually produces are counted against a cap per
 * entry and in total — sizes declared in the file are never trusted.
 */
import { isMainThread } from 'node:worker_threads';
import zlib from 'node:zlib';
import { tooLarge, WorkbookReadError } from '../workbook-error';
import type { ReadLimits } from './limits';

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  localOffset: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const U16 = 0xffff;
const U32 = 0xffffffff;

const notXlsx = () => new WorkbookReadError('not_xlsx');

export class ZipArchive {
  private readonly entries = new Map<string, Entry>();
  private inflated = 0;

  /** Reads the central directory (cheap: no inflating). Throws not_xlsx for what is not a zip. */
  constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: Pick<ReadLimits, 'maxEntries' | 'maxPartBytes' | 'maxTotalBytes'>,
  ) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const u32 = (at: number) => view.getUint32(at, true);
    const u16 = (at: number) => view.getUint16(at, true);
    const u64 = (at: number) => {
      const n = view.getBigUint64(at, true);
      return n > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(n);
    };
    if (bytes.length < 30 || u32(0) !== SIG_LOCAL) throw notXlsx();
    let eocd = -1;
    for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - U16); i--) {
      if (u32(i) === SIG_EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw notXlsx();
    let count = u16(eocd + 10);
    let cdSize = u32(eocd + 12);
    let cdOffset = u32(eocd + 16);
    if (
      (count === U16 || cdSize === U32 || cdOffset === U32) &&
      eocd >= 20 &&
      u32(eocd - 20) === SIG_ZIP64_LOCATOR
    ) {
      const at = u64(eocd - 12);
      if (at + 56 > bytes.length || u32(at) !== SIG_ZIP64_EOCD) throw notXlsx();
      count = u64(at + 32);
      cdSize = u64(at + 40);
      cdOffset = u64(at + 48);
    }
    if (count > limits.maxEntries) throw tooLarge('entries', limits.maxEntries);
    if (count === 0 || cdOffset + cdSize > bytes.length) throw notXlsx();
    const decoder = new TextDecoder('utf-8');
    let p = cdOffset;
    for (let n = 0; n < count; n++) {
      if (p + 46 > bytes.length || u32(p) !== SIG_CENTRAL) throw notXlsx();
      const nameLength = u16(p + 28);
      const extraLength = u16(p + 30);
      const end = p + 46 + nameLength + extraLength + u16(p + 32);
      if (end > bytes.length) throw notXlsx();
      let compressedSize = u32(p + 20);
      const uncompressed32 = u32(p + 24);
      let localOffset = u32(p + 42);
      // Zip64: the 32-bit fields set to 0xffffffff are in the extra field (id 1), in this order.
      for (let x = p + 46 + nameLength; x + 4 <= p + 46 + nameLength + extraLength;) {
        const id = u16(x);
        const len = u16(x + 2);
        if (id === 1) {
          let f = x + 4;
          const take = () => {
            if (f + 8 > x + 4 + len) throw notXlsx();
            const v = u64(f);
            f += 8;
            return v;
          };
          if (uncompressed32 === U32) take(); // the declared size: not needed, never trusted
          if (compressedSize === U32) compressedSize = take();
          if (localOffset === U32) localOffset = take();
        }
        x += 4 + len;
      }
      const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength)).replace(/\\/g, '/');
      const key = name.replace(/^\/+/, '').toLowerCase();
      if (!this.entries.has(key))
        this.entries.set(key, { name, method: u16(p + 10), flags: u16(p + 8), compressedSize, localOffset });
      p = end;
    }
  }

  /** Whether a part exists (part names are case-insensitive, as in Open Packaging Conventions). */
  has(name: string): boolean {
    return this.entries.has(name.replace(/^\/+/, '').toLowerCase());
  }

  /** Total bytes inflated so far. */
  get inflatedBytes(): number {
    return this.inflated;
  }

  /**
   * An entry's content, or undefined if there is none. Refuses (workbook_too_large) as soon as it
   * would exceed the cap per part, or the total of everything read from this archive.
   */
  async read(name: string): Promise<Uint8Array | undefined> {
    const entry = this.entries.get(name.replace(/^\/+/, '').toLowerCase());
    if (!entry) return undefined;
    const { bytes } = this;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const at = entry.localOffset;
    if (at + 30 > bytes.length || view.getUint32(at, true) !== SIG_LOCAL) throw notXlsx();
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    if (start + entry.compressedSize > bytes.length) throw notXlsx();
    if (entry.flags & 1) throw new WorkbookReadError('workbook_unsupported', { feature: 'encryption' });
    const data = bytes.subarray(start, start + entry.compressedSize);
    const partCap = Math.min(this.limits.maxPartBytes, this.limits.maxTotalBytes - this.inflated);
    const overCap = () =>
      partCap < this.limits.maxPartBytes
        ? tooLarge('unzipped', this.limits.maxTotalBytes)
        : tooLarge('part', this.limits.maxPartBytes, entry.name);
    let out: Uint8Array;
    if (entry.method === 0) {
      if (data.length > partCap) throw overCap();
      out = data;
    } else if (entry.method === 8) {
      out = await inflate(data, partCap).catch((e: unknown) => {
        throw (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? overCap() : notXlsx();
      });
    } else {
      throw new WorkbookReadError('workbook_unsupported', { feature: 'compression' });
    }
    this.inflated += out.length;
    return out;
  }
}

/**
 * Raw deflate, stopped as soon as the output passes `cap` bytes. In the upload worker
 * (upload-reader-worker.ts) it runs on the worker's own low-priority thread, so its CPU yields to the
 * API's main thread; on the main thread it runs in zlib's thread pool, keeping the event loop free.
 */
function inflate(data: Uint8Array, cap: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (cap <= 0) {
      reject(Object.assign(new RangeError('cap reached'), { code: 'ERR_BUFFER_TOO_LARGE' }));
      return;
    }
    if (!isMainThread) {
      try {
        resolve(zlib.inflateRawSync(data, { maxOutputLength: cap, chunkSize: 64 * 1024 }));
      } catch (e) {
        reject(e as Error);
      }
      return;
    }
    zlib.inflateRaw(data, { maxOutputLength: cap, chunkSize: 64 * 1024 }, (err, out) =>
      err ? reject(err) : resolve(out),
    );
  });
}
