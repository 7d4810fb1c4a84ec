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
