/**
 * `npm run bench`: the bars of docs/benchmarks.md, measured against a real Azurite on this machine, each figure next
 * to a baseline measured in the same process right before it (interleaved run by run where both are
 * timings). Prints one line per figure — `name: value unit (ratio Nx baseline)` — and writes
 * out/bench/results.json. Exits 1 if a bar is missed, 2 on a bad argument.
 *
 *   npm run bench                      # everything (~4–5 minutes on 2 cores)
 *   npm run bench -- --quick           # fewer runs and no 10,000-unit roll-up, for a smoke test
 *   npm run bench -- --only "http accept"  # one module: the figures over HTTP on a fresh instance per size
 *
 * Each figure is a module under scripts/bench/; adding one is one line in FIGURES.
 * docs/benchmarks.md explains each figure and what limits it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAzurite, type Azurite } from './lib/azurite';
import { type Io, processIo, readCliArgs, runCli } from './lib/cli';
import { acceptFigures } from './bench/accept';
import { coldStartFigures } from './bench/cold-start';
import type { FigureModule } from './bench/context';
import { durabilityFigures } from './bench/durability';
import { httpAcceptFigures } from './bench/http-accept';
import { paneFirstLoadFigures } from './bench/pane-first-load';
import { completeFigure, type Figure } from './bench/figure';
import { rollupFigures } from './bench/rollup';
import { summaryExportFigures } from './bench/summary-export';
import { summaryWriterFigures } from './bench/summary-writer';
import { uploadFigures } from './bench/upload';

/** The figures, in the order they run. */
export const FIGURES: readonly FigureModule[] = [
  acceptFigures,
  rollupFigures,
  summaryWriterFigures,
  summaryExportFigures,
  coldStartFigures,
  httpAcceptFigures,
  uploadFigures,
  durabilityFigures,
  paneFirstLoadFigures,
];

const ROOT = path.resolve(__dirname, '..');
const OUT_DIR = path.join(ROOT, 'out', 'bench');

export const USAGE = `Usage: bench [--quick] [--only <figure>]…
  Measures the bars of docs/benchmarks.md against Azurite; writes out/bench/results.json. --quick: a short run.
  --only: just these figures (${FIGURES.map((f) => f.name).join(', ')}).
`;

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    azurite: (require('azurite/package.json') as { version: string }).version,
  };
}

/** Runs the modules in order; the shared in-memory Azurite lives from the first module using it to the last. */
async function runFigures(modules: readonly FigureModule[], quick: boolean, io: Io): Promise<Figure[]> {
  const figures: Figure[] = [];
  const record = (input: Parameters<typeof completeFigure>[0]) => {
    const { figure, line } = completeFigure(input);
    figures.push(figure);
    io.out(`${line}\n`);
    return figure;
  };
  const lastUser = modules.map((m) => m.usesAzurite).lastIndexOf(true);
  let shared: Azurite | undefined;
  try {
    for (const [i, module] of modules.entries()) {
      if (module.usesAzurite) shared ??= await startAzurite();
      const azurite = () => {
        if (!shared) throw new Error(`bench module ${module.name} uses Azurite without usesAzurite: true`);
        return shared;
      };
      await module.run({ quick, outDir: OUT_DIR, record, azurite });
      if (i === lastUser) {
        await shared?.stop();
        shared = undefined;
      }
    }
  } finally {
    await shared?.stop();
  }
  return figures;
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const args = readCliArgs('bench', USAGE, argv, io, {
    quick: { type: 'boolean' },
    only: { type: 'string', multiple: true },
  });
  if (args.exit !== undefined) return args.exit;
  const quick = args.values.quick ?? false;
  const only = args.values.only ?? [];
  const unknown = only.filter((name) => !FIGURES.some((f) => f.name === name));
  if (unknown.length) return args.usageError(`no figure "${unknown.join('", "')}"`);
  const modules = only.length ? FIGURES.filter((f) => only.includes(f.name)) : FIGURES;
  const started = Date.now();
  const info = machine();
  io.out(
    `bench on ${info.cpu} (${info.cores} cores, ${info.memoryGB} GB), ${info.os}, node ${info.node}, azurite ${info.azurite}${quick ? ' — quick run' : ''}\n`,
  );
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const figures = await runFigures(modules, quick, io);

  const failed = figures.filter((f) => f.pass === false);
  const result = {
    generatedAt: new Date().toISOString(),
    machine: info,
    seconds: Math.round((Date.now() - started) / 1000),
    quick,
    figures,
  };
  const file = path.join(OUT_DIR, 'results.json');
  fs.writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
  io.out(
    `${figures.length} figures in ${result.seconds} s → ${path.relative(ROOT, file)}; ` +
      (failed.length ? `${failed.length} miss their bar\n` : 'every bar holds\n'),
  );
  return failed.length ? 1 : 0;
}

if (require.main === module) runCli('bench', (argv) => main(argv));
