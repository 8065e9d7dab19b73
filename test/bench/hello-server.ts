import { createServer } from 'node:http';

// The throughput baseline: the least a Node HTTP server can do per request.
const body = JSON.stringify({ hello: 'world' });
const server = createServer((_, response) => {
  response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
});
server.listen(0, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${(server.address() as { port: number }).port}`);
});
