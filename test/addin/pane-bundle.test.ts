/**
 * The pane's production build (scripts/build-addin.ts; docs/architecture.md, "Add-in build"): the published
 * folder holds no source map and no reference to one; the maps and the metafile lie beside it; the clerk's first
 * load (taskpane.js and its static imports, from the metafile) carries neither zod nor the admin and summary
 * tabs, which load from chunks of their own when opened.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildAddin, METAFILE } from '../../scripts/build-addin';
import { firstLoad, readMetafile, type FirstLoad } from '../../scripts/lib/pane-first-load';
import type { Metafile } from 'esbuild';

let out: string;
let maps: string;
let metafile: Metafile;
let first: FirstLoad;

beforeAll(async () => {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'pane-bundle-'));
  out = path.join(parent, 'dist');
  maps = path.join(parent, 'dist-maps');
  await buildAddin({ outDir: out, mapsDir: maps });
  metafile = readMetafile(path.join(maps, METAFILE));
  first = firstLoad(metafile, out, 'taskpane.js');
}, 120_000);

afterAll(() => fs.rmSync(path.dirname(out), { recursive: true, force: true }));

const filesUnder = (dir: string) => fs.readdirSync(dir, { recursive: true, encoding: 'utf8' });

test('the published folder holds no source map and no script points to one; the maps lie beside it', () => {
  const published = filesUnder(out);
  expect(published.filter((f) => f.endsWith('.map'))).toEqual([]);
  for (const file of published.filter((f) => f.endsWith('.js'))) {
    expect(fs.readFileSync(path.join(out, file), 'utf8')).not.toContain('sourceMappingURL');
  }
  const besides = filesUnder(maps);
  expect(besides).toEqual(expect.arrayContaining(['taskpane.js.map', 'functions.js.map', METAFILE]));
});

test('the page loads the pane as a module', () => {
  expect(fs.readFileSync(path.join(out, 'taskpane.html'), 'utf8')).toMatch(
    /<script type="module" src="taskpane\.js"><\/script>/,
  );
});

test('the first load has the clerk screen but neither zod nor the admin and summary code', () => {
  const inputs = first.inputs;
  expect(inputs).toEqual(
    expect.arrayContaining(['addin/src/taskpane/ClerkPanel.tsx', 'addin/src/taskpane/App.tsx']),
  );
  expect(inputs.filter((i) => i.includes('node_modules/zod/'))).toEqual([]);
  const laterOnly = [
    'addin/src/taskpane/AdminPanel.tsx',
    'addin/src/taskpane/use-admin.ts',
    'addin/src/taskpane/SummaryPanel.tsx',
    'addin/src/taskpane/use-summary.ts',
    'shared/src/schemas.ts',
  ];
  expect(inputs.filter((i) => laterOnly.includes(i))).toEqual([]);
  // They are in the build all the same, in chunks loaded when a tab opens.
  const built = new Set(
    Object.values(metafile.outputs).flatMap((o) =>
      Object.entries(o.inputs)
        .filter(([, v]) => v.bytesInOutput > 0)
        .map(([k]) => k),
    ),
  );
  for (const input of laterOnly) expect(built).toContain(input);
  expect([...built].some((i) => i.includes('node_modules/zod/'))).toBe(true);
});
