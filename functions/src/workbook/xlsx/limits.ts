/**
 * The bounds an uploaded workbook is read within, whatever the file declares. A filled template
 * is about 60 KB of XML once unzipped and a few hundred cells: these leave two orders of magnitude
 * of room, and keep the worst upload within the upload budget of docs/benchmarks.md (1 s of CPU, 64 MB of memory).
 */
export interface ReadLimits {
  /** Most entries in the zip's central directory. */
  maxEntries: number;
  /** Most bytes one part may inflate to (counted as they are produced). */
  maxPartBytes: number;
  /** Most bytes all the parts read may inflate to, together. */
  maxTotalBytes: number;
  /** Most cells with a value kept from one sheet. */
  maxCells: number;
  /** Most shared strings. */
  maxStrings: number;
  /** Most sheets in the workbook. */
  maxSheets: number;
  /** Most defined names in the workbook. */
  maxNames: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxEntries: 10_000,
  maxPartBytes: 8 * 1024 * 1024,
  maxTotalBytes: 16 * 1024 * 1024,
  maxCells: 100_000,
  maxStrings: 100_000,
  maxSheets: 256,
  maxNames: 10_000,
};
