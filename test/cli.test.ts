import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createApp } from '../packages/server/src/app.ts';
import { openDatabase } from '../packages/server/src/db/open.ts';
import { hashSecretKey } from '../packages/server/src/modules/auth/index.ts';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../packages/server/bin/clientela.js', import.meta.url));

describe('clientela merchant create', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'clientela-cli-'));
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  test('prints the new merchant with keys that work, and stores only the hash of the secret', async () => {
    const { stdout } = await run(process.execPath, [bin, 'merchant', 'create', '--name', 'Tienda Sol', '--origin', 'https://tiendasol.example', '--currency', 'PEN'], {
      env: { ...process.env, DATA_DIR: dataDir },
    });
    const created = JSON.parse(stdout) as { id: string; publishableKey: string; secretKey: string; origins: string[] };
    assert.match(created.publishableKey, /^pk_live_\w{24}$/);
    assert.match(created.secretKey, /^sk_live_\w{40}$/);
    assert.deepEqual(created.origins, ['https://tiendasol.example']);

    const database = await openDatabase({ kind: 'pglite', dataDir });
    try {
      const row = await database.db.selectFrom('merchants').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
      assert.equal(row.secretKeyHash, hashSecretKey(created.secretKey));
      assert.ok(!JSON.stringify(row).includes(created.secretKey));
      assert.equal(row.currency, 'PEN');
      const { app } = createApp({ database, tokenSecret: new Uint8Array(32).fill(7) });
      const response = await app.request('http://x/v1/customers/nobody', { headers: { authorization: `Bearer ${created.secretKey}` } });
      assert.equal(response.status, 404);
    } finally {
      await database.close();
    }
  });

  test('refuses incomplete or wrong arguments with the usage and exit code 2', async () => {
    for (const args of [['merchant', 'create', '--name', 'X'], ['merchant', 'create', '--name', 'X', '--origin', 'https://x.example', '--currency', 'pesos'], ['nonsense']]) {
      await assert.rejects(run(process.execPath, [bin, ...args], { env: { ...process.env, DATA_DIR: dataDir } }), (error: { code?: number; stderr?: string }) => {
        assert.equal(error.code, 2, args.join(' '));
        assert.match(error.stderr ?? '', /Usage:/);
        return true;
      });
    }
  });
});
