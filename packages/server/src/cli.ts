import { parseArgs } from 'node:util';
import { migrateToLatest } from './db/migrate.ts';
import { demoAgents, demoMerchant } from './demo/seed.ts';
import { readEnvironment } from './env.ts';
import { createAgent } from './modules/auth/auth.service.ts';
import { createMerchant } from './modules/auth/merchants.service.ts';
import { openConfiguredDatabase, startServer } from './serve.ts';

const usage = `Usage:
  clientela serve [--demo]
      Serves the API on PORT (8787), with the data in DATA_DIR (./.clientela) or DATABASE_URL.
      --demo seeds the demo merchant and serves the demo store at / and the agent page at /agent/.
  clientela merchant create --name NAME --origin ORIGIN [--origin ORIGIN…] [--currency CLP] [--time-zone America/Santiago] [--locale es]
      Creates a merchant and prints its id and keys as JSON; the secret key is shown only this once.
  clientela agent create --merchant ID --email EMAIL --name NAME --password PASSWORD
      Adds a support agent to a merchant.
  clientela migrate
      Brings the database schema up to date.`;

async function withDatabase<T>(work: (db: Awaited<ReturnType<typeof openConfiguredDatabase>>) => Promise<T>): Promise<T> {
  const database = await openConfiguredDatabase(readEnvironment());
  try {
    await migrateToLatest(database.db);
    return await work(database);
  } finally {
    await database.close();
  }
}

async function serve(args: string[]) {
  const { values } = parseArgs({ args, options: { demo: { type: 'boolean', default: false } } });
  const env = readEnvironment();
  const started = performance.now();
  const server = await startServer(env, { demo: values.demo });
  const lines = [
    `Clientela is serving on ${server.url} (${server.database.kind}${server.database.kind === 'pglite' ? ` in ${env.DATA_DIR}` : ''}), ready in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    `  API           ${server.url}/v1   (OpenAPI: ${server.url}/v1/openapi.json)`,
    `  Widgets       ${server.url}/widgets/clientela.js`,
  ];
  if (values.demo) {
    const counts = server.seed?.counts;
    lines.push(
      `  Demo store    ${server.url}/`,
      `  Agent page    ${server.url}/agent/`,
      `  Demo merchant ${demoMerchant.name} (${demoMerchant.id})${counts ? `, seeded now: ${counts.customers} customers, ${counts.products} products, ${counts.orders} orders` : ''}`,
      `    publishable key  ${demoMerchant.publishableKey}`,
      `    secret key       ${demoMerchant.secretKey}`,
      `  Demo agent    ${demoAgents[0].email} / ${demoAgents[0].password}`,
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

async function merchant(args: string[]) {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      origin: { type: 'string', multiple: true },
      currency: { type: 'string', default: 'CLP' },
      'time-zone': { type: 'string', default: 'America/Santiago' },
      locale: { type: 'string', default: 'es' },
    },
  });
  if (positionals[0] !== 'create' || !values.name || !values.origin?.length) throw new UsageError();
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

async function agent(args: string[]) {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      merchant: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
    },
  });
  const { merchant: merchantId, email, name, password } = values;
  if (positionals[0] !== 'create' || !merchantId || !email || !name || !password) throw new UsageError();
  if (password.length < 10) throw new UsageError('--password needs at least 10 characters');
  const created = await withDatabase(({ db }) => createAgent(db, merchantId, { email, name, password }));
  console.log(JSON.stringify({ merchantId, ...created }, null, 2));
}

class UsageError extends Error {}

const [command, ...rest] = process.argv.slice(2);
const commands: Record<string, (args: string[]) => Promise<void>> = {
  serve,
  merchant,
  agent,
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
