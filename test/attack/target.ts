import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHmac, hkdfSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { repositoryRoot, startProcess, type RunningProcess } from '../support/child-process.ts';

/**
 * The attack suite's target: the built `clientela serve --demo`, started as
 * its own process on a fresh data folder, attacked over real HTTP. What the
 * tests know of it is what an outsider knows: the OpenAPI document, the
 * publishable key of a page, an agent's email. The demo's keys and agent
 * login are those `serve --demo` prints for anyone to read.
 */

const bin = path.join(repositoryRoot, 'packages/server/bin/clientela.js');
const run = promisify(execFile);

export const demo = {
  merchantId: 'mer_demo',
  publishableKey: 'pk_test_demo',
  secretKey: 'sk_test_demo',
  agent: { email: 'agente@demo.clientela.dev', password: 'demo-agente' },
  otherAgent: { email: 'tomas@demo.clientela.dev', password: 'demo-agente' },
  owner: { email: 'dueno@demo.clientela.dev', password: 'demo-dueno' },
} as const;

/** A store made with `clientela merchant create` in the same data folder, beside the demo store. */
export interface OtherStore {
  id: string;
  name: string;
  origin: string;
  publishableKey: string;
  secretKey: string;
}

export interface AgentAccount {
  email: string;
  password: string;
}

export interface TargetOptions {
  /** Make a second store with the CLI before the first start. */
  otherStore?: boolean;
  /** Agents of the second store, made with the CLI before the first start. */
  otherStoreAgents?: ReadonlyArray<AgentAccount & { name: string }>;
  /**
   * TOKEN_SECRET, for the token attacks that stand for a leaked signing key:
   * with it a test derives a store's key as the server does.
   */
  tokenSecret?: string;
}

export interface Target {
  /** `http://127.0.0.1:<port>`: an address, so `localAddress` can pick the source address of a connection. */
  api: string;
  /** `http://localhost:<port>`: what the server prints, and one of the demo store's allowed origins. */
  origin: string;
  dataDir: string;
  other: OtherStore | undefined;
  /** Everything the server printed so far. */
  output(): string;
  /** Runs the `clientela` CLI on the target's data folder: only while it is stopped (PGlite is one process's). */
  cli(...args: string[]): Promise<string>;
  /** Stops the server (SIGTERM), runs `whileDown`, and starts it again on the same folder and port. */
  restart(whileDown?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
  /** Every answer of 500 or more the server gave to any request of this suite. */
  serverErrors: string[];
}

async function runCli(dataDir: string, env: Record<string, string>, args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [bin, ...args], { cwd: repositoryRoot, env: { ...process.env, ...env, DATA_DIR: dataDir } });
  return stdout;
}

/** Starts the target on a fresh data folder, which goes with it if it does not start. */
async function startTarget(options: TargetOptions): Promise<Target> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'clientela-attack-'));
  try {
    return await startTargetIn(dataDir, options);
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

async function startTargetIn(dataDir: string, options: TargetOptions): Promise<Target> {
  const env: Record<string, string> = { HOST: '127.0.0.1', DATA_DIR: dataDir, ...(options.tokenSecret ? { TOKEN_SECRET: options.tokenSecret } : {}) };
  const cli = (...args: string[]) => runCli(dataDir, env, args);
  let other: OtherStore | undefined;
  if (options.otherStore || options.otherStoreAgents?.length) {
    const origin = 'https://tienda-dos.example';
    const created = JSON.parse(await cli('merchant', 'create', '--name', 'Tienda Dos', '--origin', origin)) as Omit<OtherStore, 'origin'>;
    other = { ...created, origin };
    for (const agent of options.otherStoreAgents ?? []) {
      await cli('agent', 'create', '--merchant', other.id, '--email', agent.email, '--name', agent.name, '--password', agent.password);
    }
  }
  const serveArgs = [bin, 'serve', '--demo'];
  let server: RunningProcess = await startProcess(serveArgs, { ...env, PORT: '0' });
  const printed: string[][] = [server.output];
  const port = new URL(server.url).port;
  return {
    api: `http://127.0.0.1:${port}`,
    origin: `http://localhost:${port}`,
    dataDir,
    other,
    output: () => printed.flat().join(''),
    cli,
    async restart(whileDown) {
      await server.stop();
      await whileDown?.();
      server = await startProcess(serveArgs, { ...env, PORT: port });
      printed.push(server.output);
    },
    stop: () => server.stop(),
    serverErrors: [],
  };
}

/**
 * The target, started before the enclosing file's tests and stopped after;
 * the last check of every file is `assertNoServerErrors`.
 */
export function targetForSuite(options: TargetOptions = {}): { readonly current: Target } {
  let target: Target | undefined;
  before(async () => {
    target = await startTarget(options);
  });
  after(async () => {
    await target?.stop();
    if (target) await rm(target.dataDir, { recursive: true, force: true });
  });
  return {
    get current() {
      if (!target) throw new Error('The target has not started');
      return target;
    },
  };
}

// HTTP ---------------------------------------------------------------------

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON (throws when it is not): an attack reads what came back, whatever its shape. */
  json(): any;
}

export interface SendOptions {
  headers?: Record<string, string>;
  /** An object is sent as JSON (with its content type unless `headers` names one); a string or bytes as they are. */
  body?: unknown;
  /** The source address of the connection: 127.0.0.x on loopback, to attack as from many addresses. */
  localAddress?: string;
  /** Send the body chunked, without Content-Length. */
  chunked?: boolean;
}

/** That no attack of the suite got a 5xx; what the server printed tells why when one did. */
export function assertNoServerErrors(target: Target): void {
  assert.deepEqual(target.serverErrors, [], `the server printed:\n${target.output().slice(-4000)}`);
}

const agents = new Map<string, http.Agent>();
/** One keep-alive pool per source address, as one client machine would have. */
function agentFor(localAddress: string | undefined): http.Agent {
  const key = localAddress ?? '';
  let agent = agents.get(key);
  if (!agent) {
    agent = new http.Agent({ keepAlive: true, maxSockets: 256, ...(localAddress ? { localAddress } : {}) });
    agents.set(key, agent);
  }
  return agent;
}

/** One HTTP request to the target, as an attacker's script would send it: any method, path (sent as is), header or bytes. */
export function send(target: Target, method: string, pathAndQuery: string, options: SendOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  let body: Buffer | undefined;
  if (options.body !== undefined) {
    if (Buffer.isBuffer(options.body) || options.body instanceof Uint8Array) body = Buffer.from(options.body as Uint8Array);
    else if (typeof options.body === 'string') body = Buffer.from(options.body);
    else {
      body = Buffer.from(JSON.stringify(options.body));
      if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    }
  }
  const url = new URL(target.api);
  return new Promise<Answer>((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        method,
        path: pathAndQuery,
        headers: body && !options.chunked ? { ...headers, 'content-length': String(body.length) } : headers,
        // A body the server refuses unread ends its connection: such a request gets one of its own.
        agent: options.chunked || (body?.length ?? 0) > 1024 * 1024 ? false : agentFor(options.localAddress),
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = response.statusCode ?? 0;
          if (status >= 500) target.serverErrors.push(`${method} ${pathAndQuery} answered ${status}: ${text.slice(0, 300)}`);
          resolve({ status, headers: response.headers, text, json: () => JSON.parse(text) });
        });
      },
    );
    request.on('error', reject);
    if (body && options.chunked) {
      // Several chunks, so a server that trusts the first cannot be fooled.
      const size = 64 * 1024;
      for (let at = 0; at < body.length; at += size) request.write(body.subarray(at, at + size));
      request.end();
    } else request.end(body);
  });
}

/**
 * Writes `head` (and `body`) on a bare socket, for what an HTTP client will not
 * send: a Content-Length that lies, a malformed request. Answers the status and
 * headers of the reply, or null when the server closed without one.
 */
export function sendRaw(target: Target, head: string, body: Buffer = Buffer.alloc(0), timeoutMs = 10_000): Promise<{ status: number; head: string } | null> {
  const url = new URL(target.api);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port) });
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms to ${head.split('\r\n')[0]}`));
    }, timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(received);
      if (match && Number(match[1]) >= 500) target.serverErrors.push(`${head.split('\r\n')[0]} answered ${match[1]}`);
      resolve(match ? { status: Number(match[1]), head: received.split('\r\n\r\n')[0]! } : null);
    };
    socket.on('data', (chunk) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n\r\n')) finish();
    });
    socket.on('end', finish);
    socket.on('error', () => finish());
    socket.write(head);
    if (body.length) socket.write(body);
  });
}

/** A GET/POST/PUT/DELETE with the demo store's secret key, as its backend would send it. */
export const asBackend = (secretKey: string = demo.secretKey) => ({ authorization: `Bearer ${secretKey}` });
/** What a page of the store sends with a shopper's or agent's token. */
export const asPage = (token: string, publishableKey: string = demo.publishableKey) => ({ authorization: `Bearer ${token}`, 'x-publishable-key': publishableKey });

/** Asserts an RFC 9457 problem document of this status, naming `field` (`in.field`, e.g. `body.amount`) when given. */
export function assertProblem(answer: Answer, status: number, field?: string, message = ''): any {
  assert.equal(answer.status, status, `${message} expected ${status}, got ${answer.status}: ${answer.text.slice(0, 400)}`);
  assert.match(String(answer.headers['content-type']), /^application\/problem\+json/, `${message} a problem document`);
  const problem = answer.json();
  assert.equal(problem.status, status, message);
  assert.equal(typeof problem.type, 'string', message);
  assert.equal(typeof problem.title, 'string', message);
  if (field !== undefined) {
    const named = (problem.errors ?? []).map((error: { in: string; field: string }) => (error.field ? `${error.in}.${error.field}` : error.in));
    assert.ok(named.includes(field), `${message} the problem names ${field}: ${answer.text.slice(0, 600)}`);
  }
  return problem;
}

/** A shopper session minted by a store's backend. */
export async function shopperToken(target: Target, customerId: string, secretKey: string = demo.secretKey): Promise<string> {
  const answer = await send(target, 'POST', '/v1/sessions', { headers: asBackend(secretKey), body: { customerId } });
  assert.equal(answer.status, 201, `POST /v1/sessions for ${customerId}: ${answer.text}`);
  return answer.json().token;
}

export interface AgentSession {
  token: string;
  deviceToken: string;
}

/** An agent's sign-in from `localAddress` (a fresh address per use keeps the per-address budget out of the way). */
export function agentLogin(target: Target, account: AgentAccount & { deviceToken?: string }, localAddress?: string, publishableKey: string = demo.publishableKey) {
  return send(target, 'POST', '/v1/agent/login', {
    headers: { 'x-publishable-key': publishableKey },
    body: { email: account.email, password: account.password, ...(account.deviceToken ? { deviceToken: account.deviceToken } : {}) },
    ...(localAddress ? { localAddress } : {}),
  });
}

export async function agentSession(target: Target, account: AgentAccount, localAddress?: string, publishableKey?: string): Promise<AgentSession> {
  const answer = await agentLogin(target, account, localAddress, publishableKey);
  assert.equal(answer.status, 200, `agent login: ${answer.text}`);
  const { token, deviceToken } = answer.json();
  return { token, deviceToken };
}

/** Puts a customer in the store, as its backend syncs one. */
export async function putCustomer(target: Target, id: string, firstName = 'Ana', secretKey: string = demo.secretKey) {
  const answer = await send(target, 'PUT', `/v1/customers/${id}`, { headers: asBackend(secretKey), body: { firstName, lastName: 'Atacada', locale: 'es' } });
  assert.ok(answer.status === 200 || answer.status === 201, `PUT customer ${id}: ${answer.text}`);
}

/**
 * A customer with a store card who bought `amount` with it in one installment
 * just now: what they owe is exactly `amount`.
 */
export async function cardholderOwing(target: Target, customerId: string, amount: number): Promise<void> {
  await putCustomer(target, customerId);
  const card = await send(target, 'PUT', `/v1/customers/${customerId}/card`, { headers: asBackend(), body: { creditLimit: 10_000_000 } });
  assert.equal(card.status, 200, card.text);
  const productId = `${customerId}-producto`;
  const product = await send(target, 'PUT', `/v1/products/${productId}`, { headers: asBackend(), body: { name: `Compra de ${customerId}`, price: amount, stock: 100, category: 'Pruebas' } });
  assert.ok(product.status < 300, product.text);
  const order = await send(target, 'POST', '/v1/orders', {
    headers: asBackend(),
    body: {
      id: `${customerId}-orden`,
      customerId,
      placedAt: new Date(Date.now() - 60_000).toISOString(),
      currency: 'CLP',
      lines: [{ productId, quantity: 1, unitPrice: amount }],
      total: amount,
      payment: { method: 'store-card', installments: 1, withInterest: false },
    },
  });
  assert.equal(order.status, 201, order.text);
}

/** What the card's holder owes in all, billed or not, as their own statement page shows it. */
export async function owedBy(target: Target, customerId: string): Promise<number> {
  const answer = await send(target, 'GET', '/v1/me/statements', { headers: asPage(await shopperToken(target, customerId)) });
  assert.equal(answer.status, 200, answer.text);
  const { account } = answer.json();
  return account.balance + account.pendingInstallments;
}

/** Every line of the holder's statements, with its period: where a purchase landed depends on the card's cycle, not on the test. */
export async function statementLines(target: Target, token: string): Promise<Array<{ period: string; line: { seq: number; kind: string; orderId: string | null; description: string } }>> {
  const list = await send(target, 'GET', '/v1/me/statements', { headers: asPage(token) });
  assert.equal(list.status, 200, list.text);
  const lines = [];
  for (const { period } of list.json().statements as Array<{ period: string }>) {
    const statement = await send(target, 'GET', `/v1/me/statements/${period}?limit=100`, { headers: asPage(token) });
    assert.equal(statement.status, 200, statement.text);
    for (const line of statement.json().transactions.items) lines.push({ period, line });
  }
  return lines;
}

// Event streams --------------------------------------------------------------

export interface OpenStream {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** What arrived so far (the whole body for a refusal). */
  received(): string;
  /** Settles when the server ends the stream. */
  ended: Promise<void>;
  /** Whether it has ended. */
  isEnded(): boolean;
  /** The client goes away. */
  close(): void;
}

/** Opens a server-sent event stream and resolves once the answer's head arrives (and, for a refusal, its body). */
export function openStream(target: Target, pathAndQuery: string, headers: Record<string, string>, localAddress?: string): Promise<OpenStream> {
  const url = new URL(target.api);
  return new Promise((resolve, reject) => {
    // Its own connection, not the pool's: a stream holds it for as long as it lasts.
    const request = http.request({ host: url.hostname, port: url.port, path: pathAndQuery, headers: { accept: 'text/event-stream', ...headers }, agent: false, ...(localAddress ? { localAddress } : {}) }, (response) => {
      let text = '';
      let ended = false;
      let markEnded!: () => void;
      const endedPromise = new Promise<void>((done) => (markEnded = done));
      const finish = () => {
        ended = true;
        markEnded();
      };
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', finish);
      response.on('close', finish);
      response.on('error', finish);
      const status = response.statusCode ?? 0;
      if (status >= 500) target.serverErrors.push(`GET ${pathAndQuery} answered ${status}`);
      const stream: OpenStream = {
        status,
        headers: response.headers,
        received: () => text,
        ended: endedPromise,
        isEnded: () => ended,
        close: () => request.destroy(),
      };
      if (status === 200) resolve(stream);
      else endedPromise.then(() => resolve(stream));
    });
    request.on('error', (error) => (request.destroyed ? undefined : reject(error)));
    request.end();
  });
}

/** Resolves true when `promise` settles within `ms`, false otherwise. */
export async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  const timeout = sleep(ms).then(() => false);
  return Promise.race([promise.then(() => true), timeout]);
}

// Tokens -----------------------------------------------------------------------

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** A JWT signed with HMAC under `key` (HS256, HS384 or HS512), or unsigned with `alg: none`. */
export function signJwt(header: Record<string, unknown>, payload: Record<string, unknown>, key: Uint8Array | string): string {
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  const hash = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[String(header.alg)];
  if (!hash) return `${signingInput}.`;
  return `${signingInput}.${createHmac(hash, key).update(signingInput).digest('base64url')}`;
}

/** The parts of a token, decoded. */
export function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown>; signature: string } {
  const [header, payload, signature] = token.split('.');
  return {
    header: JSON.parse(Buffer.from(header!, 'base64url').toString()),
    payload: JSON.parse(Buffer.from(payload!, 'base64url').toString()),
    signature: signature ?? '',
  };
}

/**
 * A store's signing key of one version, derived from the server's token secret
 * as the server derives it: what an attacker holds once a store's key leaked.
 */
export function storeKey(tokenSecret: string, merchantId: string, version = 1): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(tokenSecret), new Uint8Array(0), `clientela token key\u0000${merchantId}\u0000${version}`, 32));
}

// Time -------------------------------------------------------------------------

/**
 * Waits, when needed, until at least `marginSeconds` are left in the current
 * fixed window of `windowSeconds` (the rate limits' windows are aligned to the
 * clock), so that a test counting calls within one window is not split by its
 * end whatever the time it runs at.
 */
export async function clearOfWindowEdge(windowSeconds: number, marginSeconds: number): Promise<void> {
  const length = windowSeconds * 1000;
  const left = length - (Date.now() % length);
  if (left < marginSeconds * 1000) await sleep(left + 250);
}

/** `count` requests at once; answers in the order sent. */
export function all<T>(count: number, make: (index: number) => Promise<T>): Promise<T[]> {
  return Promise.all(Array.from({ length: count }, (_, index) => make(index)));
}

export const tally = (answers: ReadonlyArray<{ status: number }>) =>
  answers.reduce<Record<number, number>>((counts, { status }) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {});
