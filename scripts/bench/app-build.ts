/**
 * The function app compiled as Azure runs it — `tsc -p tsconfig.build.json` (CommonJS) into out/bench/build —
 * once per bench run, shared by the figures that start it in a fresh process (cold-start.ts, http-accept.ts).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');

let built: string | undefined;

/** The build folder (`<benchDir>/build`), compiled on the first call of the run. */
export function builtApp(benchDir: string): string {
  const outDir = path.join(benchDir, 'build');
  if (built === outDir) return outDir;
  fs.rmSync(outDir, { recursive: true, force: true });
  try {
    execFileSync(
      process.execPath,
      [
        require.resolve('typescript/bin/tsc'),
        '-p',
        'tsconfig.build.json',
        '--outDir',
        outDir,
        '--sourceMap',
        'false',
      ],
      { cwd: ROOT, stdio: 'pipe' },
    );
  } catch (e) {
    // Type errors still emit JavaScript; only a missing output is fatal.
    if (!fs.existsSync(path.join(outDir, 'functions/src/index.js'))) throw e;
  }
  built = outDir;
  return outDir;
}
