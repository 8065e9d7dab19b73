import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { asAdmin } from '../support/postgres.ts';
import { startClientela, temporaryDirectory, type RunningClientela } from './harness.ts';

const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://clientela:clientela@127.0.0.1:5432/postgres';

const admin = (statement: string) => asAdmin(adminUrl, statement);

describe('clientela serve with DATABASE_URL', () => {
  const name = `clientela_e2e_${randomBytes(5).toString('hex')}`;
  let server: RunningClientela;
  let unusedDataDir: Awaited<ReturnType<typeof temporaryDirectory>>;

  before(async () => {
    await admin(`create database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    unusedDataDir = await temporaryDirectory();
    server = await startClientela(unusedDataDir.path, { DATABASE_URL: url.toString() });
  });
  after(async () => {
    await server?.stop();
    await unusedDataDir?.remove();
    await admin(`drop database if exists ${name} with (force)`);
  });

  test('migrates and seeds PostgreSQL, and serves the same API from it', async () => {
    assert.match(server.output.join(''), /\(postgres\)/);
    const health = await (await fetch(`${server.url}/v1/health`)).json();
    assert.deepEqual(health, { status: 'ok', database: 'postgres' });
    const session = await fetch(`${server.url}/v1/sessions`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_test_demo', 'content-type': 'application/json' },
      body: JSON.stringify({ customerId: 'cli-0001' }),
    });
    const { token } = (await session.json()) as { token: string };
    const me = await (await fetch(`${server.url}/v1/me`, { headers: { authorization: `Bearer ${token}`, 'x-publishable-key': 'pk_test_demo' } })).json();
    assert.equal(me.firstName, 'Ana');
    assert.equal(me.tier, 'top');
  });
});
