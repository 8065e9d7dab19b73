import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { addDays, birthdayIn, localDate } from '../../core/time-zone.ts';
import { birthdayGift } from './birthday-gift.ts';

const day = 86_400_000;
// Time zones with daylight saving time on either side of the equator, and without.
const timeZones = ['America/Santiago', 'America/Havana', 'Europe/Madrid', 'America/New_York', 'Pacific/Auckland', 'UTC', 'Asia/Kolkata'];
const birthdays = fc
  .record({ year: fc.integer({ min: 1930, max: 2010 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
  .map(({ year, month, day: d }) => new Date(Date.UTC(year, month - 1, d)).toISOString().slice(0, 10));

describe('birthday gifts', () => {
  test('a gift of a year never expires on a birthday: it lasts to the end of the eve of the next one', () => {
    const gift = birthdayGift({ pointsLifetimeDays: 365 }, '1990-09-20', 2025, 'America/Santiago');
    assert.equal(localDate(gift.createdAt, 'America/Santiago'), '2025-09-20');
    assert.equal(gift.createdAt.toISOString(), '2025-09-20T03:00:00.000Z', 'the start of the day in Santiago (summer time, UTC−3)');
    assert.equal(localDate(gift.expiresAt, 'America/Santiago'), '2026-09-19');
    assert.equal(gift.expiresAt.toISOString(), '2026-09-20T02:59:59.999Z', 'its last millisecond');
  });

  test('a birthday on the day summer time starts (Santiago skips its midnight) is given on the day, and the one before expires the day before', () => {
    const settings = { pointsLifetimeDays: 365 };
    const gift = birthdayGift(settings, '2001-09-06', 2026, 'America/Santiago');
    assert.equal(localDate(gift.createdAt, 'America/Santiago'), '2026-09-06');
    assert.equal(localDate(birthdayGift(settings, '2001-09-06', 2025, 'America/Santiago').expiresAt, 'America/Santiago'), '2026-09-05');
  });

  test('a lifetime that ends away from a birthday is kept as it is', () => {
    const gift = birthdayGift({ pointsLifetimeDays: 90 }, '1990-09-20', 2025, 'UTC');
    assert.equal(gift.expiresAt.getTime() - gift.createdAt.getTime(), 90 * day);
  });

  test('whatever the lifetime, time zone, year or birthday (29 February too), one gift never expires on the day the next arrives', () => {
    fc.assert(
      fc.property(
        birthdays,
        fc.integer({ min: 2000, max: 2100 }),
        fc.constantFrom(...timeZones),
        fc.oneof(fc.constantFrom(364, 365, 366, 730, 731), fc.integer({ min: 30, max: 3650 })),
        (birthday, year, timeZone, pointsLifetimeDays) => {
          const gift = birthdayGift({ pointsLifetimeDays }, birthday, year, timeZone);
          const expiresOn = localDate(gift.expiresAt, timeZone);
          assert.notEqual(expiresOn, birthdayIn(birthday, Number(expiresOn.slice(0, 4))), 'not on a birthday');
          for (let later = year + 1; later <= year + 11; later++) {
            assert.notEqual(localDate(birthdayGift({ pointsLifetimeDays }, birthday, later, timeZone).createdAt, timeZone), expiresOn);
          }
          // Never more than the store's lifetime, and less only by the one day it keeps off the birthday.
          const lifetime = pointsLifetimeDays * day;
          const kept = gift.expiresAt.getTime() - gift.createdAt.getTime();
          assert.ok(kept <= lifetime && kept > lifetime - day - 2 * 3_600_000, `${kept / day} days of ${pointsLifetimeDays}`);
          assert.equal(localDate(gift.createdAt, timeZone), birthdayIn(birthday, year));
          if (kept < lifetime) assert.equal(addDays(expiresOn, 1), birthdayIn(birthday, Number(addDays(expiresOn, 1).slice(0, 4))));
        },
      ),
      { numRuns: 500 },
    );
  });
});
