/**
 * Builds the task pane into addin/dist: one bundled script (esbuild), the page, styles and icons; and the
 * custom functions: functions.js (esbuild), functions.html, and functions.json generated from the functions'
 * JSDoc by custom-functions-metadata (scripts/lib/functions-metadata.ts). `--watch` rebuilds on change.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { functionsMetadata } from './lib/functions-metadata';

const root = path.resolve(__dirname, '..', 'addin');
const dist = path.join(root, 'dist');

export interface BuildAddinOptions {
  watch?: boolean;
  minify?: boolean;
  /** Where the pane goes; default addin/dist. */
  outDir?: string;
}

export async function buildAddin(options: BuildAddinOptions = {}): Promise<void> {
  const outDir = options.outDir ?? dist;
  fs.mkdirSync(outDir, { recursive: true });
  fs.cpSync(path.join(root, 'public'), outDir, { recursive: true });
  const config: esbuild.BuildOptions = {
    // The pane, the custom functions, and the API reference page (api-reference.html renders GET /api/openapi.json).
    entryPoints: {
      taskpane: path.join(root, 'src', 'taskpane', 'index.tsx'),
      functions: path.join(root, 'src', 'custom-functions', 'functions.ts'),
      'api-reference': path.join(root, 'src', 'api-reference', 'main.ts'),
    },
    bundle: true,
    outdir: outDir,
    platform: 'browser',
    format: 'iife',
    target: ['es2020', 'chrome100', 'edge100', 'safari15'],
    jsx: 'automatic',
    sourcemap: true,
    minify: options.minify ?? true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  };
  const metadata = `${JSON.stringify(await functionsMetadata(), null, 2)}\n`;
  writeWhole(path.join(outDir, 'functions.json'), metadata);
  if (options.watch) {
    const ctx = await esbuild.context(config);
    await ctx.watch();
    return;
  }
  // Each file is written whole under another name, then renamed: a server reading the folder while it
  // is rebuilt (a test, a second `npm start`) sees the old file or the new one, never half of one.
  const result = await esbuild.build({ ...config, write: false });
  for (const file of result.outputFiles ?? []) writeWhole(file.path, file.contents);
}

function writeWhole(file: string, contents: string | Uint8Array): void {
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, contents);
  fs.renameSync(partial, file);
}

if (require.main === module) {
  buildAddin({ watch: process.argv.includes('--watch') }).then(
    () => console.log(`task pane built in ${path.relative(process.cwd(), dist)}`),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
