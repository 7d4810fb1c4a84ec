/**
 * One function-app instance for the HTTP figures (http-accept.ts): the local host of the COMPILED app
 * (`node http-app-child.cjs <build>/functions/src/local-host.js`), in its own process so that its caches are
 * cold and its CPU is its own, as a fresh instance on Azure. Storage and table prefix come from the
 * environment (STORAGE_CONNECTION_STRING, TABLE_PREFIX) exactly as the deployed app reads them.
 * Prints `listening <port>` once it accepts connections; exits when its parent closes stdin.
 * Plain JavaScript: it runs the build, without a TypeScript loader.
 */
'use strict';

const { startLocalHost } = require(process.argv[2]);

process.stdin.on('end', () => process.exit(0));
process.stdin.resume();

startLocalHost({ port: 0 }).then(
  (host) => process.stdout.write(`listening ${host.port}\n`),
  (error) => {
    process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
    process.exit(1);
  },
);
