import type { StatementLineKind } from '@clientela/contract';
import { monthsBetween, type PeriodBounds } from './cycle.ts';

/**
 * The store card's arithmetic, free of storage: the service closes
 * statements with it, the demo seed builds a year of them with it, and the
 * property tests check its invariants over random histories.
 */

export interface CardRules {
  minimumPaymentBps: number;
  minimumPaymentFloor: number;
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

const share = (amount: number, bps: number) => Math.round((amount * bps) / 10_000);

/** Equal installments, the last absorbing rounding; with interest, the French (constant payment) schedule. */
export function installmentSchedule(amount: number, count: number, monthlyInterestBps: number): number[] {
  if (count === 1) return [amount];
  const rate = monthlyInterestBps / 10_000;
  const payment = rate > 0 ? Math.round((amount * rate) / (1 - (1 + rate) ** -count)) : Math.floor(amount / count);
  const total = rate > 0 ? payment * count : amount;
  return Array.from({ length: count }, (_, i) => (i < count - 1 ? payment : total - payment * (count - 1)));
}

/** The installment a plan bills in a period: its index (0-based) and amount, or null. */
export function installmentIn(plan: Plan, period: string): { index: number; amount: number } | null {
  const index = monthsBetween(plan.firstPeriod, period);
  const amount = plan.installmentAmounts[index];
  return index >= 0 && amount !== undefined && amount > 0 ? { index, amount } : null;
}

/** What the plan will still bill after a period. */
export function pendingAfter(plan: Plan, period: string): number {
  const from = Math.max(0, monthsBetween(plan.firstPeriod, period) + 1);
  return plan.installmentAmounts.slice(from).reduce((sum, amount) => sum + amount, 0);
}

/**
 * A refund of `amount` while `openPeriod` is the cycle in progress: it first
 * cancels installments not billed yet, from the last one back (the one of the
 * open period included), and credits the rest. Returns the new schedule and
 * the credit; what the customer owes drops by exactly `amount`.
 */
export function applyRefund(plan: Plan, amount: number, openPeriod: string): { installmentAmounts: number[]; credit: number } {
  const amounts = [...plan.installmentAmounts];
  const firstUnbilled = Math.max(0, monthsBetween(plan.firstPeriod, openPeriod));
  let left = amount;
  for (let i = amounts.length - 1; i >= firstUnbilled && left > 0; i--) {
    const cut = Math.min(amounts[i]!, left);
    amounts[i]! -= cut;
    left -= cut;
  }
  return { installmentAmounts: amounts, credit: left };
}

/**
 * Months and interest to clear a balance paying only the minimum, with no
 * new purchases; months is null when the minimum never outgrows the interest.
 */
export function payoffPayingMinimum(balance: number, rules: CardRules): { months: number | null; interest: number } {
  let owed = balance;
  let interest = 0;
  for (let month = 1; month <= 600; month++) {
    const minimum = Math.min(owed, Math.max(rules.minimumPaymentFloor, share(owed, rules.minimumPaymentBps)));
    owed -= minimum;
    if (owed <= 0) return { months: month, interest };
    const charge = share(owed, rules.monthlyInterestBps);
    if (charge >= minimum) return { months: null, interest };
    owed += charge;
    interest += charge;
  }
  return { months: null, interest };
}

export interface StatementInput {
  bounds: PeriodBounds;
  rules: CardRules;
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
 * One period's statement. Rules, in order:
 * - each plan bills its installment of the period (the first one is a "purchase");
 * - a late fee when less than the previous minimum arrived by the previous due date;
 * - interest, when the previous balance was not paid in full by its due date, on
 *   what is still owed of it after this period's payments and credits;
 * - neither before that due date has passed (an open period shows none yet);
 * - closing = previous + purchases + installments + fees + interest − payments − credits;
 * - minimum = this period's charges (installments, fees, interest) plus a share of
 *   the balance carried over, at least the floor, at most the closing balance;
 * - available credit = limit − closing balance − installments not billed yet.
 */
export function computeStatement(input: StatementInput): { figures: Figures; lines: Line[] } {
  const { bounds, rules, previous } = input;
  const lines: Line[] = [];
  let purchases = 0;
  let installments = 0;
  let pendingInstallments = 0;
  for (const plan of input.plans) {
    pendingInstallments += pendingAfter(plan, bounds.period);
    const due = installmentIn(plan, bounds.period);
    if (!due) continue;
    if (due.index === 0) purchases += due.amount;
    else installments += due.amount;
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
  const pastDue = previous !== null && input.asOf >= previous.dueEnd;
  const fees = pastDue && previous.minimumPayment > 0 && paidByDue < previous.minimumPayment ? rules.lateFee : 0;
  if (fees > 0) {
    lines.push({ kind: 'fee', date: closingInstant, description: '', moreItems: 0, amount: fees, installment: null, orderId: null, purchaseTotal: null });
  }
  const carried = previousBalance - payments - credits;
  const interest = pastDue && paidByDue < previousBalance && carried > 0 ? share(carried, rules.monthlyInterestBps) : 0;
  if (interest > 0) {
    lines.push({ kind: 'interest', date: closingInstant, description: '', moreItems: 0, amount: interest, installment: null, orderId: null, purchaseTotal: null });
  }
  const charges = purchases + installments + fees + interest;
  const closingBalance = previousBalance + charges - payments - credits;
  const minimumPayment =
    closingBalance <= 0
      ? 0
      : Math.min(closingBalance, Math.max(rules.minimumPaymentFloor, charges + share(Math.max(0, closingBalance - charges), rules.minimumPaymentBps)));
  const payoff = payoffPayingMinimum(Math.max(0, closingBalance), rules);
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
      minimumPayment,
      creditLimit: input.creditLimit,
      pendingInstallments,
      availableCredit: input.creditLimit - closingBalance - pendingInstallments,
      payoffMonths: payoff.months,
      payoffInterest: payoff.interest,
    },
    lines,
  };
}
