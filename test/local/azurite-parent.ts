/**
 * A parent for the parent-death test: starts Azurite on disk (durable, as `npm start` does) through the
 * launcher, prints `{"azuritePid": …}` on one line, then waits to be killed.
 */
import { startAzurite } from '../../scripts/lib/azurite';

const location = process.argv[2];
if (!location) throw new Error('usage: azurite-parent.ts <data folder>');
startAzurite({ location, durable: true }).then(
  (azurite) => {
    process.stdout.write(`${JSON.stringify({ azuritePid: azurite.pid })}\n`);
    setInterval(() => undefined, 60_000);
  },
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
