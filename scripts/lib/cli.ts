import { parseArgs, type ParseArgsConfig } from 'node:util';

/** What the command-line scripts share: where output goes, how a script is run, the API's default address. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const processIo: Io = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

/** The local function host that `npm start` runs. */
export const DEFAULT_API = 'http://127.0.0.1:7071/api';

/**
 * Runs a script's `main` when the file is executed (not imported): its result is the exit code;
 * an unexpected error is printed as `name: message` with exit code 1.
 */
export function runCli(
  name: string,
  main: (argv: string[], env: Record<string, string | undefined>) => Promise<number>,
): void {
  main(process.argv.slice(2), process.env).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}

/** Options of a script, as node:util parseArgs takes them (a `help` flag is added). */
export type CliOptions = NonNullable<ParseArgsConfig['options']>;

export type CliArgs<O extends CliOptions> =
  | { exit: number }
  | {
      exit?: undefined;
      values: ReturnType<
        typeof parseArgs<{ options: O & typeof HELP; strict: true; allowPositionals: true }>
      >['values'];
      positionals: string[];
      /** Prints `name: message` and the usage on stderr; returns exit code 2. */
      usageError: (message: string) => number;
    };

const HELP = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * Parses a script's arguments the same way everywhere: strict options plus `--help` (prints the
 * usage, exit 0); a bad option prints the problem and the usage (exit 2). `positionals: false`
 * refuses positional arguments.
 */
export function readCliArgs<O extends CliOptions>(
  name: string,
  usage: string,
  argv: string[],
  io: Io,
  options: O,
  { positionals = false }: { positionals?: boolean } = {},
): CliArgs<O> {
  const usageError = (message: string): number => {
    io.err(`${name}: ${message}\n${usage}`);
    return 2;
  };
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: positionals,
      options: { ...options, ...HELP },
    });
  } catch (error) {
    return { exit: usageError(error instanceof Error ? error.message : String(error)) };
  }
  if ((parsed.values as { help?: boolean }).help) {
    io.out(usage);
    return { exit: 0 };
  }
  return {
    values: parsed.values as never,
    positionals: parsed.positionals,
    usageError,
  };
}
