import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { repositoryRoot, startProcess, type RunningProcess } from '../support/child-process.ts';
import { asDemoShopper, demoSession } from '../support/demo-session.ts';

export interface Fanout {
  name: string;
  listeners: number;
  messages: number;
  /** From just before the send to each listener's receipt, over every listener and message. */
  p50: number;
  p99: number;
  /** Until the last listener had it, median over the messages. */
  lastMedian: number;
  /** Growth of the server's V8 heap and external memory per idle open stream, after a full collection. */
  bytesPerConnection: number;
}

const listenerCount = 1_000;
const messageCount = 20;

/** Has a fanout-server process run a full collection, and answers its memory usage right after. */
export async function collectGarbage(server: RunningProcess) {
  const memoryUrl = /memory at (http:\/\/\S+)/.exec(server.output.join(''))![1]!;
  return (await (await fetch(memoryUrl)).json()) as { heapUsed: number; external: number; rss: number };
}

/** What the server process holds after a full collection: its V8 heap and the memory outside it that V8 tracks. */
async function heldBytes(server: RunningProcess) {
  const { heapUsed, external } = await collectGarbage(server);
  return heapUsed + external;
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const fanoutServer = (side: 'bare' | 'clientela', env: Record<string, string> = {}) =>
  startProcess(['--expose-gc', '--import', 'tsx', path.join(repositoryRoot, 'test/bench/fanout-server.ts'), side], env);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/**
 * Opens server-sent event streams from this process, over real TCP, and
 * notes when each one first sees each numbered marker (`bench-<n>`). Each
 * has resolved once its first bytes arrived; if one fails, all are closed.
 */
export async function openListeners(url: string, headers: Record<string, string> | ((index: number) => Record<string, string>), count: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const seen: Array<Map<number, number>> = [];
  const requests: http.ClientRequest[] = [];
  let ended = 0;
  const open = (index: number) =>
    new Promise<void>((resolve, reject) => {
      const received = new Map<number, number>();
      seen[index] = received;
      const own = typeof headers === 'function' ? headers(index) : headers;
      const request = http.get(url, { agent, headers: { accept: 'text/event-stream', ...own } }, (response) => {
        if (response.statusCode !== 200) return reject(new Error(`${url}: ${response.statusCode}`));
        response.once('close', () => ended++);
        let tail = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          const now = performance.now();
          const text = tail + chunk;
          for (const match of text.matchAll(/bench-(\d+)-end/g)) {
            const marker = Number(match[1]);
            if (!received.has(marker)) received.set(marker, now);
          }
          tail = text.slice(-24);
          resolve();
        });
      });
      request.on('error', reject);
      requests.push(request);
    });
  const close = () => {
    for (const request of requests) request.destroy();
    agent.destroy();
  };
  try {
    for (let start = 0; start < count; start += 100) {
      await Promise.all(Array.from({ length: Math.min(100, count - start) }, (_, i) => open(start + i)));
    }
  } catch (error) {
    close();
    throw error;
  }
  /** How many of the streams the server has not ended. */
  const stillOpen = () => count - ended;
  return { seen, stillOpen, close };
}

/** Sends the numbered messages one at a time and measures how long each takes to reach every listener. */
async function measure(
  name: string,
  server: RunningProcess,
  listen: { url: string; headers: Record<string, string> | ((index: number) => Record<string, string>) },
  send: (marker: number) => Promise<void>,
): Promise<Fanout> {
  await send(-1);
  // A first round of connections, closed again: start-up garbage goes and the allocator has grown, so what follows measures the streams.
  (await openListeners(listen.url, listen.headers, listenerCount)).close();
  await pause(3_000);
  const before = await heldBytes(server);
  const listeners = await openListeners(listen.url, listen.headers, listenerCount);
  await pause(1_000);
  const after = await heldBytes(server);
  const latencies: number[] = [];
  const lasts: number[] = [];
  try {
    for (let marker = 0; marker < messageCount; marker++) {
      const sentAt = performance.now();
      await send(marker);
      const deadline = Date.now() + 30_000;
      while (listeners.seen.some((received) => !received.has(marker))) {
        if (Date.now() > deadline) throw new Error(`${name}: message ${marker} did not reach every listener`);
        await pause(2);
      }
      const arrivals = listeners.seen.map((received) => received.get(marker)! - sentAt);
      latencies.push(...arrivals);
      lasts.push(Math.max(...arrivals));
      await pause(200);
    }
  } finally {
    listeners.close();
  }
  latencies.sort((a, b) => a - b);
  lasts.sort((a, b) => a - b);
  return {
    name,
    listeners: listenerCount,
    messages: messageCount,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    lastMedian: percentile(lasts, 50),
    bytesPerConnection: (after - before) / listenerCount,
  };
}

/** A chat message as the streams carry it, with a marker to find it by. */
const messageBody = (marker: number) => `bench-${marker}-end`;

async function bareBroadcast(): Promise<Fanout> {
  const server = await fanoutServer('bare');
  try {
    return await measure('bare SSE broadcast loop (node:http)', server, { url: `${server.url}/events`, headers: {} }, async (marker) => {
      const payload = JSON.stringify({
        type: 'message',
        conversationId: 'conv_bench',
        message: { id: `msg_${marker}`, conversationId: 'conv_bench', seq: marker + 2, clientId: `bench-client-${marker}`, author: 'shopper', authorName: null, body: messageBody(marker), sentAt: new Date().toISOString() },
      });
      const response = await fetch(`${server.url}/send`, { method: 'POST', body: payload });
      if (response.status !== 204) throw new Error(`send: ${response.status}`);
    });
  } finally {
    await server.stop();
  }
}

/** As many streams as one agent session may hold open (see the server's stream limits). */
const streamsPerAgentSession = 5;

/**
 * Signs the demo agent in `count` times, each a session of its own, from
 * addresses spread over 127.0.0.0/8 so the sign-ins stay within what one
 * address may try in a minute.
 */
async function agentSessions(url: string, count: number): Promise<string[]> {
  const signIn = (index: number) =>
    new Promise<string>((resolve, reject) => {
      const request = http.request(
        `${url}/v1/agent/login`,
        { method: 'POST', localAddress: `127.0.0.${2 + (index % 16)}`, headers: { 'x-publishable-key': 'pk_test_demo', 'content-type': 'application/json' } },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => (response.statusCode === 200 ? resolve((JSON.parse(text) as { token: string }).token) : reject(new Error(`sign-in: ${response.statusCode} ${text}`))));
        },
      );
      request.on('error', reject);
      request.end(JSON.stringify({ email: 'agente@demo.clientela.dev', password: 'demo-agente' }));
    });
  const tokens: string[] = [];
  for (let start = 0; start < count; start += 8) tokens.push(...(await Promise.all(Array.from({ length: Math.min(8, count - start) }, (_, i) => signIn(start + i)))));
  return tokens;
}

async function clientelaAgents(): Promise<Fanout> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'clientela-fanout-'));
  const server = await fanoutServer('clientela', { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir });
  try {
    const publishable = { 'x-publishable-key': 'pk_test_demo', 'content-type': 'application/json' };
    const agentTokens = await agentSessions(server.url, listenerCount / streamsPerAgentSession);
    const shopper = { ...publishable, ...asDemoShopper(await demoSession(server.url, 'cli-0004')) };
    const started = await fetch(`${server.url}/v1/me/conversations`, {
      method: 'POST',
      headers: shopper,
      body: JSON.stringify({ clientId: 'bench-conversation', subject: 'Bench', message: { clientId: 'bench-first', body: 'Hola' } }),
    });
    const { id } = (await started.json()) as { id: string };
    // Every agent stream of the store gets every message: 1,000 open consoles, five to a session.
    return await measure(
      'Clientela: shopper message to 1,000 agent streams (PGlite)',
      server,
      {
        url: `${server.url}/v1/agent/events`,
        headers: (index) => ({ authorization: `Bearer ${agentTokens[index % agentTokens.length]}`, 'x-publishable-key': 'pk_test_demo' }),
      },
      async (marker) => {
        const response = await fetch(`${server.url}/v1/me/conversations/${id}/messages`, {
          method: 'POST',
          headers: shopper,
          body: JSON.stringify({ clientId: `bench-message-${marker + 1}`, body: messageBody(marker) }),
        });
        if (response.status !== 201) throw new Error(`send: ${response.status}`);
      },
    );
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function measureFanout(): Promise<Fanout[]> {
  return [await bareBroadcast(), await clientelaAgents()];
}
