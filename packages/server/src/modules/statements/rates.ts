import { installmentSchedule } from './installments.ts';

/** An interest rate as a Chilean card statement states it. */
export interface CreditRate {
  monthlyBps: number;
  /** Chilean rates are stated yearly as the monthly rate times twelve, without compounding. */
  annualBps: number;
  /** Carga anual equivalente of the reference operation. */
  caeBps: number;
}

/**
 * The carga anual equivalente of an operation: the monthly rate that makes
 * what is paid back, month by month, worth what was lent (its internal rate
 * of return), times twelve, in basis points. `payments[i]` is paid i + 1
 * months after `amount` is lent, and holds every charge of that month.
 */
export function cargaAnualEquivalente(amount: number, payments: number[]): number {
  const worth = (rate: number) => payments.reduce((sum, payment, i) => sum + payment / (1 + rate) ** (i + 1), 0);
  if (worth(0) <= amount) return 0;
  let low = 0;
  let high = 1;
  while (worth(high) > amount) high *= 2;
  for (let step = 0; step < 100; step++) {
    const middle = (low + high) / 2;
    if (worth(middle) > amount) low = middle;
    else high = middle;
  }
  return Math.round(((low + high) / 2) * 12 * 10_000);
}

/**
 * The CAE is stated for a reference operation, as Chilean card statements do
 * (SERNAC's method for cards: a monthly spend repaid in 12 installments). The
 * store card charges nothing but interest, so its CAE is the cost of that
 * interest; a fee added to the card would enter the installments here.
 */
const reference = { amount: 1_000_000, installments: 12 };

export function creditRate(monthlyBps: number): CreditRate {
  const { amounts } = installmentSchedule(reference.amount, reference.installments, monthlyBps);
  return { monthlyBps, annualBps: monthlyBps * 12, caeBps: cargaAnualEquivalente(reference.amount, amounts) };
}
