/**
 * LibreOffice and poppler for the tests that look at what the product writes as another program does
 * (test/workbook/libreoffice, test/workbook/print, test/report/libreoffice-report). .ci/run installs them;
 * elsewhere those suites are skipped with a message.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

export const run = promisify(execFile);

/** The program's path when it is on PATH. */
export function onPath(name: string): string | undefined {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .map((dir) => path.join(dir, name))
    .find((file) => fs.existsSync(file));
}

export const soffice = onPath('soffice');

/** Writer is a package of its own (libreoffice-writer): soffice without it cannot open a .docx. */
export const sofficeHasWriter =
  soffice !== undefined && fs.existsSync(path.join(path.dirname(fs.realpathSync(soffice)), 'libswlo.so'));

/**
 * `soffice --headless --convert-to <format>` of `files` into `dir`, with a LibreOffice profile of its own
 * in `dir`, so a desktop LibreOffice that is already running does not interfere.
 */
export async function sofficeConvert(files: string[], format: string, dir: string, timeoutMs = 90_000) {
  if (!soffice) throw new Error('soffice is not on PATH');
  await run(
    soffice,
    [
      `-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`,
      '--headless',
      '--convert-to',
      format,
      '--outdir',
      dir,
      ...files,
    ],
    { timeout: timeoutMs },
  );
}
