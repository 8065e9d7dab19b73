import type { StatementLineKind } from '@clientela/contract';
import { addMonths, monthsBetween, periodBounds, type CycleRules, type PeriodBounds } from './cycle.ts';
import { interestFreeShareOn, minimumPayment, payoffPayingMinimum, type MinimumParts } from './minimum-payment.ts';
import { creditRate, type CreditRate } from './rates.ts';

/**
 * The store card's arithmetic, free of storage: the service closes
 * statements with it, the demo seed builds a year of them with it, and the
 * property tests check its invariants over random histories.
 */

export interface CardRules {
  /** Share of the financeable amount the minimum asks for. */
  minimumPaymentBps: number;
  /** Share of a cycle's interest-free installments counted as non-financeable; null follows the CMF's phase-in. */
  interestFreeInstallmentsInMinimumBps: number | null;
  monthlyInterestBps: number;
  installmentInterestBps: number;
  lateFee: number;
}

/** A purchase on the card, billed one installment per period from the period it was recorded in. */
export interface Plan {
  orderId: string;
  purchasedAt: Date;
  firstPeriod: string;
  description: string;
  moreItems: number;
  amount: number;
  /** What each installment bills; refunds lower the ones not billed yet, from the last. */
  installmentAmounts: number[];
  /** The interest inside each installment (all zero for a purchase without interest). */
  installmentInterest: number[];
}

/** Money that reached the account during a period: a payment, or a refund's credit. */
export interface Movement {
  kind: 'payment' | 'credit';
  amount: number;
  occurredAt: Date;
  orderId: string | null;
}

export interface PreviousStatement {
  closingBalance: number;
  minimumPayment: number;
  /** First instant after its due date. */
  dueEnd: Date;
}

export interface Line {
  kind: StatementLineKind;
  date: Date;
  description: string;
  moreItems: number;
  amount: number;
  installment: { number: number; count: number } | null;
  orderId: string | null;
  purchaseTotal: number | null;
}

export interface MinimumBreakdown extends MinimumParts {
  financeableShareBps: number;
  interestFreeInstallmentsShareBps: number;
  pastDue: number;
}

export interface UpcomingInstallments {
  period: string;
  dueDate: string;
  amount: number;
}

export interface PrepaymentPlan {
  orderId: string;
  description: string;
  purchaseTotal: number;
  installmentsLeft: number;
  scheduled: number;
  capital: number;
  commission: number;
}

export interface Prepayment {
  total: number;
  plans: PrepaymentPlan[];
}

/** What a statement tells besides its totals: how the minimum is made, the rates and CAE, what comes next, and what prepaying costs. */
export interface Disclosures {
  minimum: MinimumBreakdown;
  rates: { revolving: CreditRate; installments: CreditRate };
  upcomingInstallments: UpcomingInstallments[];
  prepayment: Prepayment;
}

export interface Figures {
  previousBalance: number;
  purchases: number;
  installments: number;
  payments: number;
  credits: number;
  fees: number;
  interest: number;
  closingBalance: number;
  minimumPayment: number;
  creditLimit: number;
  pendingInstallments: number;
  availableCredit: number;
  payoffMonths: number | null;
  payoffInterest: number;
}

export interface ComputedStatement {
  figures: Figures;
  disclosures: Disclosures;
  lines: Line[];
}

/** How many coming cycles a statement lists the scheduled installments of ("próximos vencimientos"). */
export const upcomingCycles = 4;

const share = (amount: number, bps: number) => Math.round((amount * bps) / 10_000);

/** The installment a plan bills in a period: its index (0-based), amount and the interest inside it, or null. */
export function installmentIn(plan: Plan, period: string): { index: number; amount: number; interest: number } | null {
  const index = monthsBetween(plan.firstPeriod, period);
  const amount = plan.installmentAmounts[index];
  return index >= 0 && amount !== undefined && amount > 0 ? { index, amount, interest: plan.installmentInterest[index] ?? 0 } : null;
}

/** What the plan will still bill after a period. */
export function pendingAfter(plan: Plan, period: string): number {
  const from = Math.max(0, monthsBetween(plan.firstPeriod, period) + 1);
  return plan.installmentAmounts.slice(from).reduce((sum, amount) => sum + amount, 0);
}

const isInterestFree = (plan: Plan) => plan.installmentInterest.every((charge) => charge === 0);

/**
 * A refund of `amount` while `openPeriod` is the cycle in progress: it first
 * cancels installments not billed yet, from the last one back (the one of the
 * open period included), and credits the rest. Returns the new schedule and
 * the credit; what the customer owes drops by exactly `amount`. A shortened
 * installment keeps the same share of interest inside it.
 */
export function applyRefund(plan: Plan, amount: number, openPeriod: string): { installmentAmounts: number[]; installmentInterest: number[]; credit: number } {
  const amounts = [...plan.installmentAmounts];
  const interest = [...plan.installmentInterest];
  const firstUnbilled = Math.max(0, monthsBetween(plan.firstPeriod, openPeriod));
  let left = amount;
  for (let i = amounts.length - 1; i >= firstUnbilled && left > 0; i--) {
    const before = amounts[i]!;
    const cut = Math.min(before, left);
    amounts[i] = before - cut;
    interest[i] = before === 0 ? 0 : Math.round((interest[i]! * amounts[i]!) / before);
    left -= cut;
  }
  return { installmentAmounts: amounts, installmentInterest: interest, credit: left };
}

/** The installments each of the next cycles will bill. */
function upcomingInstallments(plans: Plan[], bounds: PeriodBounds, cycle: CycleRules): UpcomingInstallments[] {
  return Array.from({ length: upcomingCycles }, (_, i) => {
    const next = periodBounds(addMonths(bounds.period, i + 1), cycle);
    const amount = plans.reduce((sum, plan) => sum + (installmentIn(plan, next.period)?.amount ?? 0), 0);
    return { period: next.period, dueDate: next.dueDate, amount };
  });
}

/**
 * What settles the whole debt at the statement's date: the balance billed,
 * and for each purchase with installments still to bill, their capital plus
 * the prepayment commission, one month of the agreed interest on that capital
 * (the most Ley 18.010, art. 10 allows below 5.000 UF); interest not accrued
 * yet is not owed.
 */
function prepayment(plans: Plan[], period: string, closingBalance: number, rules: CardRules): Prepayment {
  const left: PrepaymentPlan[] = [];
  for (const plan of plans) {
    const from = Math.max(0, monthsBetween(plan.firstPeriod, period) + 1);
    const amounts = plan.installmentAmounts.slice(from);
    const scheduled = amounts.reduce((sum, amount) => sum + amount, 0);
    if (scheduled === 0) continue;
    const capital = scheduled - plan.installmentInterest.slice(from).reduce((sum, charge) => sum + charge, 0);
    left.push({
      orderId: plan.orderId,
      description: plan.description,
      purchaseTotal: plan.amount,
      installmentsLeft: amounts.filter((amount) => amount > 0).length,
      scheduled,
      capital,
      commission: isInterestFree(plan) ? 0 : share(capital, rules.installmentInterestBps),
    });
  }
  const owedNow = Math.max(0, closingBalance);
  return { total: owedNow + left.reduce((sum, plan) => sum + plan.capital + plan.commission, 0), plans: left };
}

export interface StatementInput {
  bounds: PeriodBounds;
  rules: CardRules & CycleRules;
  creditLimit: number;
  previous: PreviousStatement | null;
  /** Every plan that may bill in or after this period. */
  plans: Plan[];
  /** Payments and credits that occurred within the period's bounds. */
  movements: Movement[];
  /** The moment the figures are for: the period's end when it closes, now for the open one. */
  asOf: Date;
}

/**
 * The most a payment may be: everything owed, billed or not (the balance as
 * of now and the installments not billed yet). Paying it all leaves the
 * available credit at the limit; installments paid in advance are a credit
 * balance the coming cycles use up. Money beyond that would be a deposit,
 * which a card account does not take: it would lift the available credit
 * over the limit the store granted, and would have to be given back.
 */
export const largestPayment = (figures: Pick<Figures, 'closingBalance' | 'pendingInstallments'>): number =>
  Math.max(0, figures.closingBalance + figures.pendingInstallments);

/**
 * One period's statement. Rules, in order:
 * - each plan bills its installment of the period (the first one is a "purchase");
 * - a late fee when less than the previous minimum arrived by the previous due date;
 * - revolving interest, when the previous balance was not paid in full by its
 *   due date, on what was left of it at that date; neither shows before that
 *   due date has passed (an open period shows none yet);
 * - closing = previous + purchases + installments + fees + interest − payments − credits;
 * - the minimum follows the CMF's rule (see `minimum-payment.ts`): what is
 *   non-financeable in full, plus a share of what is financeable;
 * - available credit = limit − closing balance − installments not billed yet.
 */
export function computeStatement(input: StatementInput): ComputedStatement {
  const { bounds, rules, previous } = input;
  const interestFreeShareBps = rules.interestFreeInstallmentsInMinimumBps ?? interestFreeShareOn(bounds.closingDate);
  const lines: Line[] = [];
  let purchases = 0;
  let installments = 0;
  let pendingInstallments = 0;
  // The cycle's charges, split as the minimum payment rule needs them.
  let chargedNonFinanceable = 0;
  let chargedFinanceable = 0;
  for (const plan of input.plans) {
    pendingInstallments += pendingAfter(plan, bounds.period);
    const due = installmentIn(plan, bounds.period);
    if (!due) continue;
    if (due.index === 0) purchases += due.amount;
    else installments += due.amount;
    if (plan.installmentAmounts.length === 1) {
      chargedFinanceable += due.amount;
    } else if (isInterestFree(plan)) {
      const counted = share(due.amount, interestFreeShareBps);
      chargedNonFinanceable += counted;
      chargedFinanceable += due.amount - counted;
    } else {
      chargedNonFinanceable += due.interest;
      chargedFinanceable += due.amount - due.interest;
    }
    lines.push({
      kind: due.index === 0 ? 'purchase' : 'installment',
      date: plan.purchasedAt,
      description: plan.description,
      moreItems: plan.moreItems,
      amount: due.amount,
      installment: plan.installmentAmounts.length > 1 ? { number: due.index + 1, count: plan.installmentAmounts.length } : null,
      orderId: plan.orderId,
      purchaseTotal: plan.installmentAmounts.length > 1 ? plan.amount : null,
    });
  }
  let payments = 0;
  let credits = 0;
  let paidByDue = 0;
  for (const movement of input.movements) {
    if (movement.kind === 'payment') payments += movement.amount;
    else credits += movement.amount;
    if (previous && movement.occurredAt < previous.dueEnd) paidByDue += movement.amount;
    lines.push({
      kind: movement.kind,
      date: movement.occurredAt,
      description: '',
      moreItems: 0,
      amount: -movement.amount,
      installment: null,
      orderId: movement.orderId,
      purchaseTotal: null,
    });
  }
  const previousBalance = previous?.closingBalance ?? 0;
  const closingInstant = new Date(bounds.end.getTime() - 1);
  // Lateness is only known once the previous due date has passed; until then the open period shows none.
  const pastDueDate = previous !== null && input.asOf >= previous.dueEnd;
  const fees = pastDueDate && previous.minimumPayment > 0 && paidByDue < previous.minimumPayment ? rules.lateFee : 0;
  if (fees > 0) {
    lines.push({ kind: 'fee', date: closingInstant, description: '', moreItems: 0, amount: fees, installment: null, orderId: null, purchaseTotal: null });
  }
  // Revolving credit: what was not paid of the previous statement by its due date.
  const revolving = pastDueDate ? Math.max(0, previousBalance - paidByDue) : 0;
  const interest = share(revolving, rules.monthlyInterestBps);
  if (interest > 0) {
    lines.push({ kind: 'interest', date: closingInstant, description: '', moreItems: 0, amount: interest, installment: null, orderId: null, purchaseTotal: null });
  }
  const closingBalance = previousBalance + purchases + installments + fees + interest - payments - credits;

  // What is left of the previous balance is carried; the unpaid part of its minimum, once past due, must be paid in full.
  const carried = previousBalance - payments - credits;
  const pastDue = pastDueDate ? Math.min(Math.max(0, carried), Math.max(0, previous.minimumPayment - payments - credits)) : 0;
  let nonFinanceable = pastDue + fees + interest + chargedNonFinanceable;
  let financeable = Math.max(0, carried) - pastDue + chargedFinanceable;
  // Money in beyond the previous balance pays this cycle's charges, the non-financeable ones first.
  const prepaid = Math.max(0, -carried);
  const fromNonFinanceable = Math.min(prepaid, nonFinanceable);
  nonFinanceable -= fromNonFinanceable;
  financeable = Math.max(0, financeable - (prepaid - fromNonFinanceable));
  const parts = { nonFinanceable, financeable };
  const payoff = payoffPayingMinimum(parts, rules);
  lines.sort((a, b) => a.date.getTime() - b.date.getTime());
  return {
    figures: {
      previousBalance,
      purchases,
      installments,
      payments,
      credits,
      fees,
      interest,
      closingBalance,
      minimumPayment: minimumPayment(parts, rules),
      creditLimit: input.creditLimit,
      pendingInstallments,
      availableCredit: input.creditLimit - closingBalance - pendingInstallments,
      payoffMonths: payoff.months,
      payoffInterest: payoff.interest,
    },
    disclosures: {
      minimum: { ...parts, financeableShareBps: rules.minimumPaymentBps, interestFreeInstallmentsShareBps: interestFreeShareBps, pastDue },
      rates: { revolving: creditRate(rules.monthlyInterestBps), installments: creditRate(rules.installmentInterestBps) },
      upcomingInstallments: upcomingInstallments(input.plans, bounds, rules),
      prepayment: prepayment(input.plans, bounds.period, closingBalance, rules),
    },
    lines,
  };
}
