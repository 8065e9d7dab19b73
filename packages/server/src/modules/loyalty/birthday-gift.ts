import type { LoyaltySettings } from '@clientela/contract';
import { birthdayIn, localDate, startOfLocalDay } from '../../core/time-zone.ts';

const day = 86_400_000;

/** A birthday's gift of points: when it is dated and when what is left of it expires. */
export interface BirthdayGift {
  createdAt: Date;
  expiresAt: Date;
}

/**
 * The gift for the birthday of `year`, in the store's time zone.
 *
 * It is dated the birthday itself (the start of that local day), whenever the
 * ledger gets to writing it: it is that birthday's gift, and a date that does
 * not move with the first visit after it is what lets the rule below hold.
 *
 * It lasts as long as any points (`pointsLifetimeDays`), counted from the
 * birthday, except that it never expires on a birthday. With a year to spend
 * points, a gift counted a year from one birthday would run out on the next,
 * and the history would show "Birthday gift +500" and "Expired points −500" on
 * the same day, which reads as the store taking the new gift back. A
 * cardholder understands "spend it by the eve of your next birthday": so a
 * gift whose lifetime ends on a birthday lasts to the end of the day before
 * (its last millisecond), and the old gift's expiry and the new gift always
 * fall on different days, whatever the store's time zone, daylight saving
 * time or leap years.
 */
export function birthdayGift(settings: Pick<LoyaltySettings, 'pointsLifetimeDays'>, birthday: string, year: number, timeZone: string): BirthdayGift {
  const createdAt = startOfLocalDay(birthdayIn(birthday, year), timeZone);
  const lifetimeEnds = new Date(createdAt.getTime() + settings.pointsLifetimeDays * day);
  const endsOn = localDate(lifetimeEnds, timeZone);
  const birthdayThatYear = birthdayIn(birthday, Number(endsOn.slice(0, 4)));
  const expiresAt = endsOn === birthdayThatYear ? new Date(startOfLocalDay(birthdayThatYear, timeZone).getTime() - 1) : lifetimeEnds;
  return { createdAt, expiresAt };
}
