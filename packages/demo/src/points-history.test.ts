import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { localDate } from '@clientela/server/core/time-zone';
import { defaultLoyaltySettings } from '@clientela/server/modules/loyalty';
import fc from 'fast-check';
import { makePointsHistory } from './points-history.ts';
import type { DemoCustomer } from './shoppers.ts';

const day = 86_400_000;
const timeZone = 'America/Santiago';

/** Customers with nothing but birthdays, registered long before `now`: one born on each of a spread of days, 29 February too. */
function birthdayOnlyCustomers(now: Date): DemoCustomer[] {
  const birthdays = Array.from({ length: 40 }, (_, i) => new Date(Date.UTC(1990, 0, 1 + i * 9)).toISOString().slice(0, 10));
  return [...birthdays, '1992-02-29'].map((birthday, i) => ({
    id: `c${i}`,
    firstName: 'Cliente',
    lastName: String(i),
    email: `c${i}@example.com`,
    phone: '',
    locale: 'es',
    birthday,
    registeredAt: new Date(now.getTime() - 4 * 365 * day),
    ordersPerYear: 0,
    lapsed: false,
    favorites: [],
    card: null,
  }));
}

describe('the demo points history', () => {
  test('a birthday gift and the expiry of the one before never fall on the same day, whenever the demo is seeded', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }), (now) => {
        const customers = birthdayOnlyCustomers(now);
        const history = makePointsHistory(now, { id: 'm', timeZone }, defaultLoyaltySettings(), customers, new Map(), [], [], [], []);
        const expiredGifts = history.entries.filter((entry) => entry.reason === 'expiry' && entry.amount === -500);
        for (const customer of customers) {
          const days = (reason: string) =>
            new Set(history.entries.filter((entry) => entry.customerId === customer.id && entry.reason === reason).map((entry) => localDate(entry.createdAt as Date, timeZone)));
          const gifts = days('birthday');
          const expiries = days('expiry');
          assert.deepEqual([...gifts].filter((date) => expiries.has(date)), [], `${customer.birthday}: a gift and an expiry on one day`);
        }
        // Someone's gift of two years ago always ran out by now, so the rule above was put to the test.
        assert.ok(expiredGifts.length > 0);
      }),
      { numRuns: 25 },
    );
  });
});
