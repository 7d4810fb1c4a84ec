/** The name and version of the program that writes a backup, for its manifest: from the package.json above. */
import fs from 'node:fs';
import path from 'node:path';

export function toolVersion(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name && pkg.version) return `${pkg.name} ${pkg.version}`;
    } catch {
      /* none here: look further up */
    }
    if (path.dirname(dir) === dir) return 'unknown';
  }
}
