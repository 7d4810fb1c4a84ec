/**
 * Builds the task pane into addin/dist: one bundled script (esbuild), the page, styles and icons.
 * `--watch` rebuilds on change.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';

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
    entryPoints: [path.join(root, 'src', 'taskpane', 'index.tsx')],
    bundle: true,
    outfile: path.join(outDir, 'taskpane.js'),
    platform: 'browser',
    format: 'iife',
    target: ['es2020', 'chrome100', 'edge100', 'safari15'],
    jsx: 'automatic',
    sourcemap: true,
    minify: options.minify ?? true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  };
  if (options.watch) {
    const ctx = await esbuild.context(config);
    await ctx.watch();
    return;
  }
  // Each file is written whole under another name, then renamed: a server reading the folder while it
  // is rebuilt (a test, a second `npm start`) sees the old file or the new one, never half of one.
  const result = await esbuild.build({ ...config, write: false });
  for (const file of result.outputFiles ?? []) {
    const partial = `${file.path}.${process.pid}.partial`;
    fs.writeFileSync(partial, file.contents);
    fs.renameSync(partial, file.path);
  }
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
