/**
 * "Pane first load": the gzipped JavaScript the clerk's first screen downloads (taskpane.js and the chunks it
 * imports statically, read from the build's metafile by scripts/lib/pane-first-load.ts) against a Fluent UI v9
 * bundle of the same components (scripts/bench/pane-baseline/main.tsx), both built here with the pane's options.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { buildAddin, METAFILE, PANE_BUILD, relativeTo } from '../build-addin';
import { firstLoad, readMetafile } from '../lib/pane-first-load';
import type { BenchContext, FigureModule } from './context';

/** `@fluentui/react-tabs` for a file of that package, '' for any other file. */
function fluentPackage(input: string): string {
  return /node_modules\/(@fluentui\/[^/]+)\//.exec(input)?.[1] ?? '';
}

async function baseline(outDir: string) {
  fs.rmSync(outDir, { recursive: true, force: true });
  const result = await esbuild.build({
    ...PANE_BUILD,
    entryPoints: { baseline: path.join(__dirname, 'pane-baseline', 'main.tsx') },
    outdir: outDir,
    metafile: true,
  });
  return firstLoad(relativeTo(outDir, result.metafile), outDir, 'baseline.js');
}

async function run({ outDir, record }: BenchContext) {
  const paneDir = path.join(outDir, 'pane');
  fs.rmSync(paneDir, { recursive: true, force: true });
  await buildAddin({ outDir: paneDir });
  const pane = firstLoad(readMetafile(path.join(`${paneDir}-maps`, METAFILE)), paneDir, 'taskpane.js');
  const base = await baseline(path.join(outDir, 'pane-baseline'));
  // The baseline is fair while it has every Fluent package the first screen has.
  const basePackages = new Set(base.inputs.map(fluentPackage));
  const notInBaseline = [...new Set(pane.inputs.map(fluentPackage))].filter((p) => p && !basePackages.has(p));
  record({
    figure: 'pane first load (gzipped JavaScript)',
    value: pane.gzipBytes / 1024,
    unit: 'KB',
    baseline: base.gzipBytes / 1024,
    baselineOf: 'a Fluent UI v9 bundle of the same components with react-dom',
    bar: '≤ 1.5x',
    pass: pane.gzipBytes <= 1.5 * base.gzipBytes,
    detail: {
      files: pane.files,
      minifiedKB: pane.bytes / 1024,
      baselineMinifiedKB: base.bytes / 1024,
      fluentPackagesNotInBaseline: notInBaseline,
      zodInFirstLoad: pane.inputs.some((i) => i.includes('node_modules/zod/')),
    },
  });
}

export const paneFirstLoadFigures: FigureModule = { name: 'pane first load', usesAzurite: false, run };
