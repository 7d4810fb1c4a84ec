/** Cold start: importing the built function app (every handler) in a fresh node process. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { builtApp, ROOT } from './app-build';
import type { BenchContext, FigureModule } from './context';
import { median, now } from './stats';

function timeChild(script: string): Promise<{ importMs: number; processMs: number }> {
  return new Promise((resolve, reject) => {
    const t = now();
    const child = spawn(process.execPath, ['-e', script], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => {
      const processMs = now() - t;
      const importMs = Number(out.trim().split('\n').pop());
      if (code !== 0 || !Number.isFinite(importMs)) reject(new Error(`child failed (${code}): ${out}`));
      else resolve({ importMs, processMs });
    });
  });
}

async function run({ quick, record, outDir: benchDir }: BenchContext) {
  const runs = quick ? 3 : 10;
  // What Azure runs: the app compiled to JavaScript (npm run build does the same into dist/).
  const outDir = builtApp(benchDir);
  const entry = path.join(outDir, 'functions/src/index.js');
  const measure = (spec: string) =>
    `const { performance } = require('node:perf_hooks'); const t = performance.now(); ` +
    `require(${JSON.stringify(spec)}); process.stdout.write('\\n' + (performance.now() - t));`;
  const app: number[] = [];
  const base: number[] = [];
  const appProcess: number[] = [];
  const baseProcess: number[] = [];
  await timeChild(measure('@azure/functions')); // warm the file cache once
  await timeChild(measure(entry));
  for (let i = 0; i < runs; i++) {
    const b = await timeChild(measure('@azure/functions'));
    const a = await timeChild(measure(entry));
    base.push(b.importMs);
    app.push(a.importMs);
    baseProcess.push(b.processMs);
    appProcess.push(a.processMs);
  }
  record({
    figure: 'cold start, import the built function app (every handler)',
    value: median(app),
    unit: 'ms',
    baseline: median(base),
    baselineOf: 'importing @azure/functions alone, in a fresh node process',
    bar: 'none (no bar)',
    pass: null,
    detail: {
      runs,
      compiledWith: 'tsc -p tsconfig.build.json (CommonJS, as deployed)',
      processMs: median(appProcess),
      baselineProcessMs: median(baseProcess),
    },
  });
}

export const coldStartFigures: FigureModule = { name: 'cold start', usesAzurite: false, run };
