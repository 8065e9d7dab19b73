import { parseArgs } from 'node:util';
import { NewStaffMember, staffRoles, WebhookDeliveryStatus, WebhookEndpointInput } from '@clientela/contract';
import { systemClock } from './core/clock.ts';
import { createLogger } from './core/logger.ts';
import { migrateToLatest } from './db/migrate.ts';
import { readEnvironment } from './env.ts';
import {
  addOrigin,
  createMerchant,
  createStaffMember,
  findMerchantById,
  listOrigins,
  loadTokenSecret,
  removeOrigin,
  rotateTokenKey,
} from './modules/auth/index.ts';
import { createWebhookEndpoint, listWebhookDeliveries, listWebhookEndpoints, WebhookSecrets } from './modules/webhooks/index.ts';
import { openConfiguredDatabase, startServer, type Demo } from './serve.ts';

const usage = `Usage:
  clientela serve [--demo]
      Serves the API on PORT (8787), with the data in DATA_DIR (./.clientela) or DATABASE_URL,
      and the back office at /admin/.
      --demo seeds the demo merchant and serves the demo store at / and the agent page at /agent/.
  clientela merchant create --name NAME --origin ORIGIN [--origin ORIGIN…] [--currency CLP] [--time-zone America/Santiago] [--locale es]
      Creates a merchant and prints its id and keys as JSON; the secret key is shown only this once.
  clientela merchant rotate-token-key --merchant ID [--end-previous]
      Signs the merchant's tokens with a new key from now on (running servers take it up within 30 s).
      Tokens under the previous key keep working until they expire, at most 12 hours; with
      --end-previous, for a key that leaked, they stop at once: agents sign in again, shoppers get new sessions.
  clientela merchant origins add|remove|list --merchant ID [--origin ORIGIN…]
      Allows pages of an origin to call the API for the merchant, stops them, or lists the origins
      allowed, and prints the origins as JSON (running servers see the change within 30 s).
  clientela staff create --merchant ID --email EMAIL --name NAME --role owner|admin|agent --password PASSWORD
      Adds a member to the merchant's staff: an owner (everything, keys and staff included), an admin
      (loyalty, customers, origins, card rules, support hours, webhooks, the till) or an agent (the
      console, customer look-up, the till). All sign in with POST /v1/agent/login.
  clientela agent create --merchant ID --email EMAIL --name NAME --password PASSWORD
      Adds a support agent to a merchant: a member of the staff with the agent role.
  clientela webhooks add --merchant ID --url URL [--event TYPE…] [--description TEXT]
      Registers a webhook endpoint (all event types unless --event names some) and prints it
      as JSON with its signing secret, shown only this once.
  clientela webhooks list --merchant ID
      Prints the merchant's webhook endpoints as JSON.
  clientela webhooks deliveries --merchant ID [--endpoint ID] [--status pending|succeeded|failed] [--limit 20]
      Prints the latest deliveries as JSON, newest first.
  clientela migrate
      Brings the database schema up to date.`;

async function withDatabase<T>(work: (db: Awaited<ReturnType<typeof openConfiguredDatabase>>) => Promise<T>): Promise<T> {
  const env = readEnvironment();
  // The command's answer is its standard output: the log goes to standard error.
  const database = await openConfiguredDatabase(env, createLogger(env.LOG_LEVEL, 'stderr'));
  try {
    await migrateToLatest(database.db);
    return await work(database);
  } finally {
    await database.close();
  }
}

/**
 * The demo, from its own package: only `serve --demo` loads it, so the server
 * runs without it. Named in a variable so that neither the type checker nor
 * the build follows the import into a package that depends on this one.
 */
async function loadDemo(): Promise<Demo> {
  const demoPackage: string = '@clientela/demo';
  try {
    const { demo } = (await import(demoPackage)) as { demo: Demo };
    return demo;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw error;
    throw new Error(`--demo needs the demo package, ${demoPackage}, installed beside the server and built (\`npm run build\`): ${(error as Error).message}`);
  }
}

async function serve(args: string[]) {
  const { values } = parseArgs({ args, options: { demo: { type: 'boolean', default: false } } });
  const env = readEnvironment();
  const started = performance.now();
  const demo = values.demo ? await loadDemo() : undefined;
  const server = await startServer(env, demo ? { demo } : {});
  const lines = [
    `Clientela is serving on ${server.url} (${server.database.kind}${server.database.kind === 'pglite' ? ` in ${env.DATA_DIR}` : ''}), ready in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    `  API           ${server.url}/v1   (OpenAPI: ${server.url}/v1/openapi.json)`,
    `  Widgets       ${server.url}/widgets/clientela.js`,
    `  Back office   ${server.url}/admin/`,
  ];
  if (demo) {
    const counts = server.seed?.counts;
    lines.push(
      `  Demo store    ${server.url}/`,
      `  Agent page    ${server.url}/agent/`,
      `  Demo merchant ${demo.merchant.name} (${demo.merchant.id})${counts ? `, seeded now: ${counts.customers} customers, ${counts.products} products, ${counts.orders} orders` : ''}`,
      `    publishable key  ${demo.merchant.publishableKey}`,
      `    secret key       ${demo.merchant.secretKey}`,
      ...demoSignIns(demo.staff),
    );
  }
  console.log(lines.join('\n'));
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/** One sign-in of each role, aligned under "Demo staff". */
function demoSignIns(staff: Demo['staff']): string[] {
  const shown = staffRoles.flatMap((role) => staff.find((member) => member.role === role) ?? []);
  return shown.map((member, i) => `  ${i === 0 ? 'Demo staff' : ''.padEnd(10)}    ${member.role.padEnd(5)}  ${member.email} / ${member.password}`);
}

async function merchant(args: string[]) {
  const [action, ...options] = args;
  if (action === 'create') return createMerchantCommand(options);
  if (action === 'rotate-token-key') return rotateTokenKeyCommand(options);
  if (action === 'origins') return originsCommand(options);
  throw new UsageError();
}

async function originsCommand(args: string[]) {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { merchant: { type: 'string' }, origin: { type: 'string', multiple: true } },
  });
  const [action] = positionals;
  const merchantId = values.merchant;
  const origins = values.origin ?? [];
  if (!merchantId || !action || !['add', 'remove', 'list'].includes(action)) throw new UsageError();
  if (action !== 'list' && origins.length === 0) throw new UsageError(`--origin names the origin to ${action}`);
  const result = await withDatabase(async ({ db }) => {
    if (!(await findMerchantById(db, merchantId))) throw new Error(`No merchant ${merchantId}`);
    for (const origin of origins) {
      try {
        if (action === 'add') await addOrigin(db, merchantId, origin);
        else await removeOrigin(db, merchantId, origin);
      } catch (error) {
        const problem = error as { errors?: Array<{ message: string }>; message: string };
        throw new UsageError(`--origin ${origin}: ${problem.errors?.[0]?.message ?? problem.message}`);
      }
    }
    return listOrigins(db, merchantId);
  });
  console.log(JSON.stringify({ merchantId, ...result }, null, 2));
}

async function rotateTokenKeyCommand(args: string[]) {
  const { values } = parseArgs({ args, options: { merchant: { type: 'string' }, 'end-previous': { type: 'boolean', default: false } } });
  const merchantId = values.merchant;
  if (!merchantId) throw new UsageError('--merchant names the merchant whose token key to rotate');
  const rotated = await withDatabase(({ db }) => rotateTokenKey(db, merchantId, systemClock(), { endPrevious: values['end-previous'] }));
  console.log(JSON.stringify(rotated, null, 2));
}

async function createMerchantCommand(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      origin: { type: 'string', multiple: true },
      currency: { type: 'string', default: 'CLP' },
      'time-zone': { type: 'string', default: 'America/Santiago' },
      locale: { type: 'string', default: 'es' },
    },
  });
  if (!values.name || !values.origin?.length) throw new UsageError();
  if (!/^[A-Z]{3}$/.test(values.currency)) throw new UsageError('--currency takes an ISO 4217 code such as CLP');
  if (!['es', 'en'].includes(values.locale)) throw new UsageError('--locale is es or en');
  try {
    new Intl.DateTimeFormat('en', { timeZone: values['time-zone'] });
  } catch {
    throw new UsageError(`--time-zone ${values['time-zone']} is not a time zone`);
  }
  const created = await withDatabase(({ db }) =>
    createMerchant(db, {
      name: values.name!,
      origins: values.origin!,
      currency: values.currency,
      timeZone: values['time-zone'],
      locale: values.locale,
    }),
  );
  console.log(
    JSON.stringify(
      {
        id: created.merchant.id,
        name: created.merchant.name,
        origins: created.merchant.origins,
        publishableKey: created.publishableKey,
        secretKey: created.secretKey,
      },
      null,
      2,
    ),
  );
}

/** `staff create`, and `agent create`, which is `staff create --role agent`. */
async function staffCommand(args: string[], fixedRole?: 'agent') {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      merchant: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      ...(fixedRole ? {} : { role: { type: 'string' as const } }),
    },
  });
  const { merchant: merchantId, email, name, password } = values;
  const role = fixedRole ?? (values as { role?: string }).role;
  if (positionals[0] !== 'create' || !merchantId || !email || !name || !password || !role) throw new UsageError();
  const input = NewStaffMember.safeParse({ email, name, password, role });
  if (!input.success) throw new UsageError(input.error.issues.map((issue) => `--${String(issue.path[0])}: ${issue.message}`).join('\n'));
  const created = await withDatabase(async ({ db }) => {
    if (!(await findMerchantById(db, merchantId))) throw new Error(`No merchant ${merchantId}`);
    return createStaffMember(db, merchantId, input.data);
  });
  console.log(JSON.stringify({ merchantId, ...created }, null, 2));
}

async function webhooks(args: string[]) {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      merchant: { type: 'string' },
      url: { type: 'string' },
      event: { type: 'string', multiple: true },
      description: { type: 'string' },
      endpoint: { type: 'string' },
      status: { type: 'string' },
      limit: { type: 'string', default: '20' },
    },
  });
  const [action] = positionals;
  const merchantId = values.merchant;
  if (!merchantId || !action || !['add', 'list', 'deliveries'].includes(action)) throw new UsageError();
  const input = action === 'add' ? WebhookEndpointInput.safeParse({ url: values.url, events: values.event, description: values.description }) : undefined;
  if (input && !input.success) {
    const flag = (field: unknown) => (field === 'events' ? '--event' : `--${String(field)}`);
    throw new UsageError(input.error.issues.map((issue) => `${flag(issue.path[0])}: ${issue.message}`).join('\n'));
  }
  const status = values.status === undefined ? undefined : WebhookDeliveryStatus.safeParse(values.status);
  if (status && !status.success) throw new UsageError('--status is pending, succeeded or failed');
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new UsageError('--limit is a whole number from 1 to 100');

  const result = await withDatabase(async ({ db }) => {
    if (!(await findMerchantById(db, merchantId))) throw new Error(`No merchant ${merchantId}`);
    if (input) {
      const tokenSecret = await loadTokenSecret(db, readEnvironment().TOKEN_SECRET);
      return createWebhookEndpoint({ db, clock: systemClock, webhookSecrets: new WebhookSecrets(tokenSecret) }, merchantId, input.data);
    }
    if (action === 'list') return listWebhookEndpoints({ db }, merchantId);
    return listWebhookDeliveries({ db }, merchantId, {
      limit,
      ...(values.endpoint === undefined ? {} : { endpointId: values.endpoint }),
      ...(status?.data === undefined ? {} : { status: status.data }),
    });
  });
  console.log(JSON.stringify(result, null, 2));
}

class UsageError extends Error {}

const [command, ...rest] = process.argv.slice(2);
const commands: Record<string, (args: string[]) => Promise<void>> = {
  serve,
  merchant,
  staff: (args) => staffCommand(args),
  agent: (args) => staffCommand(args, 'agent'),
  webhooks,
  migrate: () => withDatabase(async () => console.log('The database schema is up to date')),
};

try {
  const run = command ? commands[command] : undefined;
  if (!run) throw new UsageError();
  await run(rest);
} catch (error) {
  if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    if ((error as Error).message) console.error((error as Error).message);
    console.error(usage);
    process.exit(2);
  }
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
