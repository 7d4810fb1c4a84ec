/**
 * Preloaded into every azurite-table that startAzurite spawns (`node -r azurite-parent-watch.cjs …`).
 *
 * Azurite must never outlive the process that started it: an orphan keeps its port and its data folder,
 * and the next `npm start` would open the same folder with a second Azurite. startAzurite gives the child a
 * pipe on stdin and never writes to it; the operating system closes the pipe when the parent dies, however
 * it dies (kill -9 included). When it closes, Azurite shuts down the way Ctrl-C shuts it down (SIGINT:
 * the server closes, the database is saved), and is made to exit if that takes too long.
 * Plain JavaScript: it runs inside the Azurite process, without a TypeScript loader.
 */
'use strict';

const GRACE_MS = 3000;

let leaving = false;
function parentGone() {
  if (leaving) return;
  leaving = true;
  setTimeout(() => process.exit(0), GRACE_MS).unref();
  process.kill(process.pid, 'SIGINT');
}

process.stdin.on('end', parentGone);
process.stdin.on('close', parentGone);
process.stdin.on('error', parentGone);
process.stdin.resume();
