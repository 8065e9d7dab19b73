/** Dates as people in a time zone see them: the store's "today", a local day's first instant. */

const partsFormats = new Map<string, Intl.DateTimeFormat>();

function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partsFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormats.set(timeZone, format);
  }
  return format;
}

type WallClock = Readonly<{ year: number; month: number; day: number; hour: number; minute: number; second: number }>;

/**
 * The last answer for each time zone. Offsets are whole seconds, so every
 * instant of one second reads the same; under load many calls fall in the
 * same second, and `formatToParts` is slow.
 */
const lastWallClocks = new Map<string, { second: number; fields: WallClock }>();

/** Local wall-clock fields of an instant in a time zone. */
function wallClock(instant: Date, timeZone: string): WallClock {
  const second = Math.floor(instant.getTime() / 1000);
  const last = lastWallClocks.get(timeZone);
  if (last?.second === second) return last.fields;
  const parts: Record<string, number> = {};
  for (const part of partsFormat(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const fields = Object.freeze(parts) as WallClock;
  lastWallClocks.set(timeZone, { second, fields });
  return fields;
}

/** How far the time zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(instant: Date, timeZone: string): number {
  const w = wallClock(instant, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The local date (`YYYY-MM-DD`) of an instant. */
export function localDate(instant: Date, timeZone: string): string {
  const w = wallClock(instant, timeZone);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** The instant a local date begins (its midnight, or its first hour where midnight is skipped). */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const midnightUtc = Date.UTC(year, month - 1, day);
  const first = midnightUtc - offsetAt(new Date(midnightUtc), timeZone);
  // A second guess with the offset at the first settles days on which the offset changes.
  const second = midnightUtc - offsetAt(new Date(first), timeZone);
  // Where the clocks skip midnight (Santiago in September: 00:00 becomes 01:00) one guess falls an hour early, on the day before: the day starts at the other.
  const onTheDay = [first, second].filter((instant) => localDate(new Date(instant), timeZone) === date);
  return new Date(onTheDay.length > 0 ? Math.min(...onTheDay) : second);
}

export function addDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** A birthday (`YYYY-MM-DD`) in a year; 29 February falls on the 28th in other years. */
export function birthdayIn(birthday: string, year: number): string {
  const monthDay = birthday.slice(5) === '02-29' && !isLeapYear(year) ? '02-28' : birthday.slice(5);
  return `${year}-${monthDay}`;
}
