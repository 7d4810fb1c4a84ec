/**
 * The task pane's first load, read from the build's metafile (scripts/build-addin.ts writes it beside the
 * published folder): the entry script and every chunk it imports statically (`import-statement`), transitively.
 * Chunks reached only through `import()` (the admin and summary tabs) load when opened and are not part of it.
 * The bench's "pane first load" figure and test/addin/pane-bundle.test.ts read it (docs/architecture.md, "Add-in build").
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Metafile } from 'esbuild';

export interface FirstLoad {
  /** Output files, relative to the published folder. */
  files: string[];
  /** Source files with bytes in those outputs (relative to the repository). */
  inputs: string[];
  /** Sum of the files' sizes, each gzipped on its own (as a server compresses each response). */
  gzipBytes: number;
  bytes: number;
}

/** The first load of `entry` (e.g. taskpane.js) in a build whose files are under `outDir`. */
export function firstLoad(metafile: Metafile, outDir: string, entry: string): FirstLoad {
  const files: string[] = [];
  const visit = (file: string) => {
    if (files.includes(file)) return;
    const output = metafile.outputs[file];
    if (!output) throw new Error(`${file} is not in the metafile`);
    files.push(file);
    for (const imp of output.imports) {
      if (imp.kind === 'import-statement' && !imp.external) visit(imp.path.replace(/^\.\//, ''));
    }
  };
  visit(entry);
  const inputs = new Set<string>();
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    for (const [input, { bytesInOutput }] of Object.entries(metafile.outputs[file]!.inputs)) {
      if (bytesInOutput > 0) inputs.add(input);
    }
    const contents = fs.readFileSync(path.join(outDir, file));
    bytes += contents.length;
    gzipBytes += zlib.gzipSync(contents, { level: 9 }).length;
  }
  return { files, inputs: [...inputs].sort(), bytes, gzipBytes };
}

export function readMetafile(file: string): Metafile {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Metafile;
}
