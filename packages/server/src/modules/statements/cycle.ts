/**
 * The statement cycle in the merchant's time zone. A period is named by the
 * month its statement closes in ("2026-11") and covers the instants from the
 * start of the day after the previous closing day up to, not including, the
 * start of the day after this closing day.
 */
import { addDays, localDate, startOfLocalDay } from '../../core/time-zone.ts';

export interface CycleRules {
  closingDay: number;
  dueDays: number;
  timeZone: string;
}

export interface PeriodBounds {
  period: string;
  /** First local date of the period (the day after the previous closing). */
  periodStart: string;
  /** Local date the statement closes. */
  closingDate: string;
  /** Local date the payment is due. */
  dueDate: string;
  /** First instant of the period. */
  start: Date;
  /** First instant after the period: when the statement closes. */
  end: Date;
  /** First instant after the due date: payments before it count as on time. */
  dueEnd: Date;
}

export function addMonths(period: string, months: number): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const index = year * 12 + (month - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Whole periods from `from` to `to` (negative when `to` is earlier). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm);
}

const closingDateOf = (period: string, rules: CycleRules) => `${period}-${String(rules.closingDay).padStart(2, '0')}`;

/** The period an instant falls in. */
export function periodOf(instant: Date, rules: CycleRules): string {
  const date = localDate(instant, rules.timeZone);
  const period = date.slice(0, 7);
  return Number(date.slice(8)) <= rules.closingDay ? period : addMonths(period, 1);
}

export function periodBounds(period: string, rules: CycleRules): PeriodBounds {
  const closingDate = closingDateOf(period, rules);
  const periodStart = addDays(closingDateOf(addMonths(period, -1), rules), 1);
  const dueDate = addDays(closingDate, rules.dueDays);
  return {
    period,
    periodStart,
    closingDate,
    dueDate,
    start: startOfLocalDay(periodStart, rules.timeZone),
    end: startOfLocalDay(addDays(closingDate, 1), rules.timeZone),
    dueEnd: startOfLocalDay(addDays(dueDate, 1), rules.timeZone),
  };
}
