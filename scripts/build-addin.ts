/**
 * Builds the task pane into addin/dist: the pane as ES modules split into chunks (esbuild `splitting`: the
 * clerk's first screen loads taskpane.js and its static imports; the admin and summary tabs load their
 * chunks when opened), the page, styles and icons; and the custom functions: functions.js (esbuild, one
 * script), functions.html, and functions.json generated from the functions' JSDoc by custom-functions-metadata
 * (scripts/lib/functions-metadata.ts); and msal-naa.js (one script), MSAL for signing in with nested app
 * authentication, which the pane loads only when it signs in that way (addin/src/office/). `--watch` rebuilds on change.
 *
 * Source maps are written beside the published folder (addin/dist-maps by default), never into it: a plain
 * copy of addin/dist publishes no map, and the scripts carry no sourceMappingURL comment (esbuild
 * `sourcemap: 'external'`). The build's metafile (which input went into which output) is written there too:
 * the bench and test/addin/pane-bundle.test.ts read the first load from it (docs/architecture.md, "Add-in build").
 */
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { functionsMetadata } from './lib/functions-metadata';

const root = path.resolve(__dirname, '..', 'addin');
const dist = path.join(root, 'dist');
const distMaps = path.join(root, 'dist-maps');

/** The metafile of the last build, in the maps folder. */
export const METAFILE = 'meta.json';

/**
 * shared/src is pure TypeScript without I/O (docs/architecture.md): importing one of its modules does nothing
 * but define things, so esbuild may leave out every module the pane does not use, even when imported through
 * the shared/src index — as the `sideEffects: false` of a package.json would say.
 */
const sharedSource = path.resolve(__dirname, '..', 'shared', 'src') + path.sep;
const sharedWithoutSideEffects: esbuild.Plugin = {
  name: 'shared-without-side-effects',
  setup(build) {
    build.onResolve({ filter: /^\./ }, async (args) => {
      if (args.pluginData === sharedSource) return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: sharedSource,
      });
      if (resolved.errors.length) return { errors: resolved.errors };
      return resolved.path.startsWith(sharedSource) ? { ...resolved, sideEffects: false } : resolved;
    });
  },
};

/** What every script of the add-in is built with. */
const SCRIPT_BUILD: esbuild.BuildOptions = {
  bundle: true,
  platform: 'browser',
  target: ['es2020', 'chrome100', 'edge100', 'safari15'],
  jsx: 'automatic',
  minify: true,
  define: { 'process.env.NODE_ENV': '"production"' },
};

/** The pane's build: ES modules with shared chunks (taskpane.html loads it with <script type="module">). The bench builds its baseline with it. */
export const PANE_BUILD: esbuild.BuildOptions = {
  ...SCRIPT_BUILD,
  format: 'esm',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  plugins: [sharedWithoutSideEffects],
};

export interface BuildAddinOptions {
  watch?: boolean;
  minify?: boolean;
  /** Where the pane goes; default addin/dist. */
  outDir?: string;
  /** Where the source maps and the metafile go; default addin/dist-maps, or `<outDir>-maps` beside outDir. */
  mapsDir?: string;
}

export async function buildAddin(options: BuildAddinOptions = {}): Promise<void> {
  const outDir = options.outDir ?? dist;
  const mapsDir = options.mapsDir ?? (options.outDir ? `${options.outDir}-maps` : distMaps);
  fs.mkdirSync(outDir, { recursive: true });
  fs.mkdirSync(mapsDir, { recursive: true });
  fs.cpSync(path.join(root, 'public'), outDir, { recursive: true });
  const common: esbuild.BuildOptions = {
    ...SCRIPT_BUILD,
    outdir: outDir,
    sourcemap: 'external',
    minify: options.minify ?? true,
    logLevel: 'warning',
    metafile: true,
  };
  const configs: esbuild.BuildOptions[] = [
    // The pane.
    { ...PANE_BUILD, ...common, entryPoints: { taskpane: path.join(root, 'src', 'taskpane', 'index.tsx') } },
    // The custom functions and the API reference page (api-reference.html renders GET /api/openapi.json): one script each.
    {
      ...common,
      entryPoints: {
        functions: path.join(root, 'src', 'custom-functions', 'functions.ts'),
        'api-reference': path.join(root, 'src', 'api-reference', 'main.ts'),
        // MSAL apart: the clerk's first load does not carry it (docs/architecture.md, "Signing in").
        'msal-naa': path.join(root, 'src', 'office', 'msal-entry.ts'),
      },
      format: 'iife',
    },
  ];
  const metadata = `${JSON.stringify(await functionsMetadata(), null, 2)}\n`;
  writeWhole(path.join(outDir, 'functions.json'), metadata);
  // Each file is written whole under another name, then renamed: a server reading the folder while it
  // is rebuilt (a test, a second `npm start`) sees the old file or the new one, never half of one.
  const write = (result: esbuild.BuildResult, pane: boolean) => {
    for (const file of result.outputFiles ?? []) {
      const target = file.path.endsWith('.map')
        ? path.join(mapsDir, path.relative(outDir, file.path))
        : file.path;
      fs.mkdirSync(path.dirname(target), { recursive: true });
      writeWhole(target, file.contents);
    }
    if (pane && result.metafile)
      writeWhole(path.join(mapsDir, METAFILE), JSON.stringify(relativeTo(outDir, result.metafile)));
  };
  // Maps an earlier build wrote into the published folder.
  for (const file of fs.readdirSync(outDir, { recursive: true, encoding: 'utf8' })) {
    if (file.endsWith('.map')) fs.rmSync(path.join(outDir, file));
  }
  for (const [i, config] of configs.entries()) {
    if (options.watch) {
      const plugin: esbuild.Plugin = {
        name: 'write',
        setup: (b) => b.onEnd((result) => write(result, i === 0)),
      };
      await (
        await esbuild.context({ ...config, write: false, plugins: [...(config.plugins ?? []), plugin] })
      ).watch();
    } else {
      write(await esbuild.build({ ...config, write: false }), i === 0);
    }
  }
}

/** The metafile with its output paths relative to the published folder (esbuild writes them relative to the working directory). */
export function relativeTo(outDir: string, metafile: esbuild.Metafile): esbuild.Metafile {
  const rel = (file: string) => path.relative(outDir, path.resolve(file)).split(path.sep).join('/');
  const outputs = Object.entries(metafile.outputs).map(([file, output]) => [
    rel(file),
    { ...output, imports: output.imports.map((i) => (i.external ? i : { ...i, path: rel(i.path) })) },
  ]);
  return { ...metafile, outputs: Object.fromEntries(outputs) as esbuild.Metafile['outputs'] };
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
