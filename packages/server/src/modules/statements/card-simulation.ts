import { addMonths, periodBounds, periodOf, type CycleRules, type PeriodBounds } from './cycle.ts';
import { installmentSchedule } from './installments.ts';
import { applyRefund, computeStatement, type CardRules, type ComputedStatement, type Movement, type Plan, type PreviousStatement } from './statement.ts';

export interface ClosedStatement extends ComputedStatement {
  bounds: PeriodBounds;
}

/**
 * A card account kept in memory, driven by the same arithmetic as the
 * service: the demo seed plays a year of purchases and payments through it,
 * and the property tests play random histories. Events must come in time order.
 */
export class CardSimulation {
  readonly plans: Plan[] = [];
  readonly movements: Movement[] = [];
  readonly statements: ClosedStatement[] = [];
  readonly #rules: CardRules & CycleRules;
  readonly #creditLimit: number;
  #nextPeriod: string;
  #lastClosed: string | null = null;
  #previous: PreviousStatement | null = null;

  constructor(rules: CardRules & CycleRules, creditLimit: number, openedAt: Date) {
    this.#rules = rules;
    this.#creditLimit = creditLimit;
    this.#nextPeriod = periodOf(openedAt, rules);
  }

  /** The last period closed so far, if any. */
  get lastClosedPeriod(): string | null {
    return this.#lastClosed;
  }

  #compute(bounds: PeriodBounds, asOf: Date) {
    return computeStatement({
      bounds,
      rules: this.#rules,
      creditLimit: this.#creditLimit,
      previous: this.#previous,
      plans: this.plans,
      movements: this.movements.filter((m) => m.occurredAt >= bounds.start && m.occurredAt < bounds.end && m.occurredAt <= asOf),
      asOf,
    });
  }

  /** Closes every period that ended by `now`; a period with nothing to tell leaves no statement, as in the service. */
  closeUntil(now: Date): void {
    for (let bounds = periodBounds(this.#nextPeriod, this.#rules); bounds.end <= now; bounds = periodBounds(this.#nextPeriod, this.#rules)) {
      const computed = this.#compute(bounds, bounds.end);
      const empty = computed.lines.length === 0 && computed.figures.previousBalance === 0 && computed.figures.pendingInstallments === 0;
      if (!empty) this.statements.push({ bounds, ...computed });
      this.#previous = empty ? null : { closingBalance: computed.figures.closingBalance, minimumPayment: computed.figures.minimumPayment, dueEnd: bounds.dueEnd };
      this.#lastClosed = this.#nextPeriod;
      this.#nextPeriod = addMonths(this.#nextPeriod, 1);
    }
  }

  /** The open period as of `now`, after closing what ended. */
  open(now: Date): ClosedStatement {
    this.closeUntil(now);
    const bounds = periodBounds(this.#nextPeriod, this.#rules);
    return { bounds, ...this.#compute(bounds, now) };
  }

  /** Charges a purchase if the available credit covers it; returns its plan, or null when refused. */
  purchase(at: Date, order: { orderId: string; amount: number; installments: number; withInterest: boolean; description: string; moreItems: number }, purchasedAt = at): Plan | null {
    const open = this.open(at);
    if (order.amount > open.figures.availableCredit) return null;
    const schedule = installmentSchedule(order.amount, order.installments, order.withInterest ? this.#rules.installmentInterestBps : 0);
    const plan: Plan = {
      orderId: order.orderId,
      purchasedAt,
      firstPeriod: open.bounds.period,
      description: order.description,
      moreItems: order.moreItems,
      amount: order.amount,
      installmentAmounts: schedule.amounts,
      installmentInterest: schedule.interest,
    };
    this.plans.push(plan);
    return plan;
  }

  pay(at: Date, amount: number): void {
    this.closeUntil(at);
    this.movements.push({ kind: 'payment', amount, occurredAt: at, orderId: null });
  }

  /** Refunds part of a purchase: cancels installments not billed yet, credits the rest. Returns the credit. */
  refund(at: Date, orderId: string, amount: number): number {
    const open = this.open(at);
    const plan = this.plans.find((p) => p.orderId === orderId);
    if (!plan) throw new Error(`No purchase ${orderId}`);
    const { installmentAmounts, installmentInterest, credit } = applyRefund(plan, amount, open.bounds.period);
    plan.installmentAmounts = installmentAmounts;
    plan.installmentInterest = installmentInterest;
    if (credit > 0) this.movements.push({ kind: 'credit', amount: credit, occurredAt: at, orderId });
    return credit;
  }
}
