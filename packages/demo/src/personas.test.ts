import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Statement, StatementList } from '@clientela/contract';
import { createTestApp, manualClock } from '@clientela/server/testing';
import { demoMerchant, seedDemo } from './seed.ts';

/**
 * The demo's three card holders each tell one story across their year of
 * statements, whenever the demo is seeded: the calendar's closings fall on
 * other days of their histories at each instant below (the day after a
 * closing, New Year's Eve in Santiago, a leap day, and one picked by the
 * machine's clock).
 */
const instants = ['2026-12-21T03:30:00Z', '2027-01-01T02:30:00Z', '2028-02-29T12:00:00Z', new Date().toISOString()];

async function yearOfStatements(at: string) {
  const clock = manualClock(at);
  const app = await createTestApp({ clock });
  await seedDemo(app.deps.db, { now: clock(), origins: [] });
  const closedStatementsOf = async (customerId: string) => {
    const session = await app.request('/v1/sessions', {
      method: 'POST',
      headers: { authorization: `Bearer ${demoMerchant.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ customerId }),
    });
    const { token } = (await session.json()) as { token: string };
    const get = async <T>(path: string) => (await (await app.request(path, { headers: { authorization: `Bearer ${token}` } })).json()) as T;
    const list = await get<StatementList>('/v1/me/statements');
    const closed = list.statements.filter((s) => s.status === 'closed').reverse();
    return Promise.all(closed.map((s) => get<Statement>(`/v1/me/statements/${s.period}?limit=1`)));
  };
  const personas = { ana: await closedStatementsOf('cli-0001'), emma: await closedStatementsOf('cli-0002'), lucia: await closedStatementsOf('cli-0003') };
  await app.close();
  return personas;
}

/** Each statement with the one before it, when that one closed the cycle just before. */
const consecutive = (statements: Statement[]) => statements.slice(1).map((current, i) => ({ previous: statements[i]!, current }));

describe('the demo card holders, seeded at any instant', () => {
  for (const at of instants) {
    test(`as seeded at ${at}: Ana pays in full, Emma exactly the minimum, Lucía part and sometimes late`, async () => {
      const { ana, emma, lucia } = await yearOfStatements(at);

      assert.ok(ana.length >= 10, `Ana has a year of statements (${ana.length})`);
      for (const { previous, current } of consecutive(ana)) {
        assert.ok(current.payments >= previous.closingBalance, `Ana pays ${previous.period} in full`);
        assert.equal(current.interest, 0, `Ana pays no interest in ${current.period}`);
        assert.equal(current.fees, 0, `Ana is never late (${current.period})`);
      }

      assert.ok(emma.length >= 6, `Emma has months of statements (${emma.length})`);
      for (const { previous, current } of consecutive(emma)) {
        assert.equal(current.payments, previous.minimumPayment, `Emma pays exactly the minimum of ${previous.period}`);
        assert.equal(current.fees, 0, `Emma is on time (${current.period})`);
        assert.ok(current.interest > 0, `what Emma leaves revolving earns interest in ${current.period}`);
      }
      for (const statement of emma) assert.ok(statement.minimumPayment < statement.closingBalance, `Emma's ${statement.period} minimum is below its balance`);

      assert.ok(lucia.length >= 6, `Lucía has months of statements (${lucia.length})`);
      const pairs = consecutive(lucia);
      for (const { previous, current } of pairs) {
        assert.ok(current.payments > 0 && current.payments < previous.closingBalance, `Lucía pays part of ${previous.period}`);
        assert.ok(current.payments >= previous.minimumPayment, `Lucía pays at least the minimum of ${previous.period}, if not always on time`);
        assert.ok(current.interest > 0, `Lucía carries a balance into ${current.period}`);
      }
      assert.ok(pairs.some(({ current }) => current.fees > 0), 'a late fee appears in her year');
      assert.ok(pairs.some(({ current }) => current.fees === 0), 'most months she is on time');
    });
  }
});
