/**
 * The minimum payment of the store card, after the CMF's rule for credit
 * cards in Chile (Norma de Carácter General N° 537, June 2025, issued under
 * Ley 21.673): minimum = the non-financeable amount (interest, fees, what is
 * past due, the interest of installments "con interés" and, phased in, the
 * interest-free installments of the cycle) plus 5 % of the financeable amount
 * (what may revolve: purchases in one payment, the balance carried, the
 * capital of installments). The statement, the payoff hint and the demo all
 * use this one function.
 */

/** A balance split as the minimum payment rule needs it. */
export interface MinimumParts {
  /** Due in full by the due date. */
  nonFinanceable: number;
  /** May revolve; the minimum asks for a share of it. */
  financeable: number;
}

/**
 * Non-financeable in full plus the share of the financeable, rounded up to
 * the next minor unit so that every minimum pays some of it off; never more
 * than the balance, and below it whenever more than one minor unit is
 * financeable.
 */
export function minimumPayment(parts: MinimumParts, rules: { minimumPaymentBps: number }): number {
  const balance = parts.nonFinanceable + parts.financeable;
  if (balance <= 0) return 0;
  return Math.min(balance, parts.nonFinanceable + Math.ceil((parts.financeable * rules.minimumPaymentBps) / 10_000));
}

/**
 * Months and interest to clear a balance paying only the minimum, with no new
 * purchases: each month the minimum is paid by the due date and what is left
 * revolves, its interest due in full on the next statement. One month and no
 * interest when the minimum is the whole balance; months is null when the
 * minimum asks for none of the financeable part.
 */
export function payoffPayingMinimum(parts: MinimumParts, rules: { minimumPaymentBps: number; monthlyInterestBps: number }): { months: number | null; interest: number } {
  let owed = parts;
  let interest = 0;
  if (owed.nonFinanceable + owed.financeable <= 0) return { months: 0, interest };
  if (rules.minimumPaymentBps === 0 && owed.financeable > 0) return { months: null, interest };
  for (let month = 1; month <= 1200; month++) {
    const left = owed.nonFinanceable + owed.financeable - minimumPayment(owed, rules);
    if (left <= 0) return { months: month, interest };
    const charge = Math.round((left * rules.monthlyInterestBps) / 10_000);
    interest += charge;
    owed = { nonFinanceable: charge, financeable: left };
  }
  return { months: null, interest };
}

/**
 * The share of a cycle's interest-free installments the minimum counts as
 * non-financeable, by the CMF's phase-in: the rule came into force in June
 * 2026 without them, and adds 25 % every six months until all of them count,
 * from June 2028. Keyed by the statement's closing date (YYYY-MM-DD).
 */
export function interestFreeShareOn(closingDate: string): number {
  if (closingDate >= '2028-06-01') return 10_000;
  if (closingDate >= '2027-12-01') return 7_500;
  if (closingDate >= '2027-06-01') return 5_000;
  if (closingDate >= '2026-12-01') return 2_500;
  return 0;
}
