/**
 * The baseline of the HTTP figures (http-accept.ts): a bare host of the same kind as the local host — a node:http
 * server in its own process, with @azure/functions and @azure/data-tables loaded as a function app loads them —
 * whose handlers do only the bare storage call the figure compares with:
 *
 *   GET  /api/health                      one point read (as the app's health check), 200
 *   POST /api/batch  {table, actions, claim?}
 *                                         one submitTransaction of the given actions (after creating the `claim`
 *                                         entity, when there is one); answers the first etag
 *   GET  /api/scan?table=&pk=&from=&to=   one listEntities range scan of a partition; answers the rows as JSON
 *
 * Storage comes from STORAGE_CONNECTION_STRING. Prints `listening <port>`; exits when its parent closes stdin.
 * Plain JavaScript, so that it pays no TypeScript loader either.
 */
'use strict';

require('@azure/functions');
const { TableClient, odata } = require('@azure/data-tables');
const http = require('node:http');

const connection = process.env.STORAGE_CONNECTION_STRING;
const clients = new Map();
function table(name) {
  let client = clients.get(name);
  if (!client) {
    client = TableClient.fromConnectionString(connection, name, { allowInsecureConnection: true });
    clients.set(name, client);
  }
  return client;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function answer(res, status, body) {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(bytes.length) });
  res.end(bytes);
}

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url || '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/api/health') {
      await table(process.env.BARE_PING_TABLE || 'ping')
        .getEntity('ping', 'ping')
        .catch((e) => {
          if (e.statusCode !== 404) throw e;
        });
      return answer(res, 200, { status: 'ok' });
    }
    if (req.method === 'POST' && url.pathname === '/api/batch') {
      const { table: name, actions, claim } = JSON.parse((await readBody(req)).toString('utf8'));
      if (claim) await table(name).createEntity(claim);
      const response = await table(name).submitTransaction(actions);
      return answer(res, 201, { etag: response.subResponses[0].etag });
    }
    if (req.method === 'GET' && url.pathname === '/api/scan') {
      const q = url.searchParams;
      const filter = odata`PartitionKey eq ${q.get('pk')} and RowKey ge ${q.get('from')} and RowKey lt ${q.get('to')}`;
      const rows = [];
      for await (const row of table(q.get('table')).listEntities({ queryOptions: { filter } }))
        rows.push(row);
      return answer(res, 200, rows);
    }
    return answer(res, 404, { error: 'not found' });
  } catch (e) {
    return answer(res, e.statusCode || 500, { error: String(e && e.message) });
  }
});

process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${server.address().port}\n`));
