import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { CreatedWebhookEndpoint, WebhookDelivery, WebhookEndpoint } from '@clientela/contract';
import { openDatabase } from '../packages/server/src/db/open.ts';
import { loadTokenSecret } from '../packages/server/src/modules/auth/index.ts';
import { recordWebhookEvents, WebhookSecrets } from '../packages/server/src/modules/webhooks/index.ts';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../packages/server/bin/clientela.js', import.meta.url));

describe('clientela webhooks', () => {
  let dataDir: string;
  let merchantId: string;
  // Without TOKEN_SECRET, as on a first start: the key is generated and kept in the database.
  const { TOKEN_SECRET: _, ...environment } = process.env;
  const clientela = async (...args: string[]) => {
    const { stdout } = await run(process.execPath, [bin, ...args], { env: { ...environment, DATA_DIR: dataDir } });
    return JSON.parse(stdout) as unknown;
  };
  const withDatabase = async <T>(work: (database: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>) => {
    const database = await openDatabase({ kind: 'pglite', dataDir });
    try {
      return await work(database);
    } finally {
      await database.close();
    }
  };

  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'clientela-cli-'));
    merchantId = ((await clientela('merchant', 'create', '--name', 'Tienda Sol', '--origin', 'https://tiendasol.example')) as { id: string }).id;
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  test('add prints the endpoint with its secret once, sealed so that the server can sign with it; list and deliveries print what is there', async () => {
    const created = (await clientela(
      'webhooks', 'add', '--merchant', merchantId, '--url', 'https://erp.tiendasol.example/clientela',
      '--event', 'points.earned', '--event', 'tier.changed', '--description', 'ERP',
    )) as CreatedWebhookEndpoint;
    assert.match(created.secret, /^whsec_\w{40}$/);
    assert.deepEqual(created.events, ['points.earned', 'tier.changed']);
    assert.equal(created.url, 'https://erp.tiendasol.example/clientela');
    assert.equal(created.description, 'ERP');

    await withDatabase(async ({ db }) => {
      const row = await db.selectFrom('webhookEndpoints').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
      assert.ok(!JSON.stringify(row).includes(created.secret.slice(6)), 'the secret is not stored readable');
      // The key `clientela serve` derives from the same database opens it.
      const secrets = new WebhookSecrets(await loadTokenSecret(db));
      assert.equal(secrets.open(row.sealedSecret, { merchantId, endpointId: created.id }), created.secret);
      await recordWebhookEvents(db, merchantId, [{ type: 'tier.changed', data: { customerId: 'c-1', from: 'small', to: 'medium' } }], new Date());
    });

    const listed = (await clientela('webhooks', 'list', '--merchant', merchantId)) as { items: WebhookEndpoint[] };
    assert.deepEqual(listed.items.map((endpoint) => endpoint.id), [created.id]);
    assert.ok(!JSON.stringify(listed).includes(created.secret), 'shown once');

    const pending = (await clientela('webhooks', 'deliveries', '--merchant', merchantId, '--status', 'pending')) as { items: WebhookDelivery[] };
    assert.deepEqual(pending.items.map((delivery) => [delivery.endpointId, delivery.eventType, delivery.status, delivery.attempts]), [[created.id, 'tier.changed', 'pending', 0]]);
    const failed = (await clientela('webhooks', 'deliveries', '--merchant', merchantId, '--status', 'failed')) as { items: WebhookDelivery[] };
    assert.deepEqual(failed.items, []);
  });

  test('refuses wrong arguments with the usage and exit code 2, and an unknown merchant with exit code 1', async () => {
    const refused = (args: string[], code: number, message: RegExp) =>
      assert.rejects(run(process.execPath, [bin, ...args], { env: { ...environment, DATA_DIR: dataDir } }), (error: { code?: number; stderr?: string }) => {
        assert.equal(error.code, code, args.join(' '));
        assert.match(error.stderr ?? '', message, args.join(' '));
        return true;
      });
    // Refused before the database is opened, so they can run side by side.
    await Promise.all([
      refused(['webhooks', 'add', '--merchant', merchantId, '--url', 'ftp://files.tiendasol.example'], 2, /--url/),
      refused(['webhooks', 'add', '--merchant', merchantId, '--url', 'https://erp.tiendasol.example', '--event', 'points.stolen'], 2, /--event/),
      refused(['webhooks', 'add', '--url', 'https://erp.tiendasol.example'], 2, /Usage:/),
      refused(['webhooks', 'deliveries', '--merchant', merchantId, '--status', 'lost'], 2, /--status/),
      refused(['webhooks', 'remove', '--merchant', merchantId], 2, /Usage:/),
    ]);
    await refused(['webhooks', 'list', '--merchant', 'mer_nobody'], 1, /No merchant mer_nobody/);
    const listed = (await clientela('webhooks', 'list', '--merchant', merchantId)) as { items: unknown[] };
    assert.equal(listed.items.length, 1, 'nothing added by a refusal');
  });
});
