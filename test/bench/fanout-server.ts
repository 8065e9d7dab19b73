import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readEnvironment } from '../../packages/server/src/env.ts';
import { startServer } from '../../packages/server/src/serve.ts';
import { demo } from '../../packages/demo/src/index.ts';

// One side of the chat fan-out bench, in a process of its own started with
// --expose-gc: `bare` is the baseline (server-sent events over node:http,
// POST /send writes to every open GET /events in one loop: no auth, no
// database, no filtering); `clientela` is `clientela serve --demo` itself.
// Either way a second port answers how much memory the process holds after
// a full collection, so that open streams can be weighed.

declare const gc: () => void;

function startBare(): Promise<string> {
  const listeners = new Set<ServerResponse>();
  let id = 0;
  const server = createServer((request, response) => {
    if (request.method === 'GET' && request.url === '/events') {
      response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
      response.write('retry: 2000\n\n');
      listeners.add(response);
      request.on('close', () => listeners.delete(response));
      return;
    }
    if (request.method === 'POST' && request.url === '/send') {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const frame = `id: ${++id}\nevent: message\ndata: ${Buffer.concat(chunks).toString()}\n\n`;
        for (const listener of listeners) listener.write(frame);
        response.writeHead(204).end();
      });
      return;
    }
    response.writeHead(404).end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

const memory = createServer((_, response) => {
  gc();
  gc();
  const { heapUsed, external, rss } = process.memoryUsage();
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ heapUsed, external, rss }));
});
await new Promise<void>((resolve) => memory.listen(0, '127.0.0.1', () => resolve()));
console.log(`memory at http://127.0.0.1:${(memory.address() as AddressInfo).port}`);

const url = process.argv[2] === 'bare' ? await startBare() : (await startServer(readEnvironment(), { demo })).url;
console.log(`listening on ${url}`);
