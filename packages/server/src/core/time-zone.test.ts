import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { addDays, localDate, startOfLocalDay } from './time-zone.ts';

const day = 86_400_000;
// Zones whose clocks skip midnight when summer time starts (Santiago, Havana), skip another hour (Madrid, New York), or never change.
const timeZones = ['America/Santiago', 'America/Havana', 'Europe/Madrid', 'America/New_York', 'Pacific/Auckland', 'Asia/Kolkata', 'UTC'];

describe('local days', () => {
  test('a day whose midnight the clocks skip starts when they jump, on that day', () => {
    // 6 September 2026 in Santiago: at 00:00 (UTC−4) the clocks go to 01:00 (UTC−3).
    const start = startOfLocalDay('2026-09-06', 'America/Santiago');
    assert.equal(start.toISOString(), '2026-09-06T04:00:00.000Z');
    assert.equal(localDate(start, 'America/Santiago'), '2026-09-06');
  });

  test('every local day starts on itself, right after the last instant of the day before', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 * 366 }), fc.constantFrom(...timeZones), (offset, timeZone) => {
        const date = new Date(Date.UTC(2000, 0, 1) + offset * day).toISOString().slice(0, 10);
        const start = startOfLocalDay(date, timeZone);
        assert.equal(localDate(start, timeZone), date);
        assert.equal(localDate(new Date(start.getTime() - 1), timeZone), addDays(date, -1));
      }),
      { numRuns: 2000 },
    );
  });
});
