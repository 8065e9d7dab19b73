import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { interestFreeShareOn, minimumPayment, payoffPayingMinimum } from './minimum-payment.ts';

const cmf = { minimumPaymentBps: 500, monthlyInterestBps: 250 };

describe('the minimum payment (CMF, NCG 537)', () => {
  test('is the non-financeable amount in full plus 5 % of the financeable, rounded up to the peso', () => {
    assert.equal(minimumPayment({ nonFinanceable: 12_340, financeable: 200_000 }, cmf), 12_340 + 10_000);
    assert.equal(minimumPayment({ nonFinanceable: 0, financeable: 100_001 }, cmf), 5_001);
    assert.equal(minimumPayment({ nonFinanceable: 8_000, financeable: 0 }, cmf), 8_000, 'nothing financeable: the whole balance');
  });

  test('never asks for more than the balance, nor anything of a credit balance', () => {
    assert.equal(minimumPayment({ nonFinanceable: 0, financeable: 1 }, cmf), 1);
    assert.equal(minimumPayment({ nonFinanceable: 0, financeable: 2 }, cmf), 1);
    assert.equal(minimumPayment({ nonFinanceable: 500, financeable: 1 }, { minimumPaymentBps: 10_000 }), 501);
    assert.equal(minimumPayment({ nonFinanceable: 0, financeable: 0 }, cmf), 0);
  });

  test('phases interest-free installments in by 25 % every six months from December 2026', () => {
    assert.deepEqual(
      ['2026-06-20', '2026-11-30', '2026-12-01', '2027-05-31', '2027-06-01', '2027-12-20', '2028-05-20', '2028-06-01', '2031-01-20'].map(interestFreeShareOn),
      [0, 0, 2_500, 2_500, 5_000, 7_500, 7_500, 10_000, 10_000],
    );
  });
});

describe('paying only the minimum', () => {
  test('clears a balance that is all non-financeable in one month, without interest', () => {
    assert.deepEqual(payoffPayingMinimum({ nonFinanceable: 45_000, financeable: 0 }, cmf), { months: 1, interest: 0 });
  });

  test('pays 5 % of what revolves each month, and the interest on the rest', () => {
    // Month 1 pays 5.000 of 100.000; 95.000 revolves, and month 2 asks for its 2.375 of interest and 4.750 of capital.
    const first = payoffPayingMinimum({ nonFinanceable: 0, financeable: 100_000 }, cmf);
    const fromMonthTwo = payoffPayingMinimum({ nonFinanceable: 2_375, financeable: 95_000 }, cmf);
    assert.deepEqual(first, { months: fromMonthTwo.months! + 1, interest: fromMonthTwo.interest + 2_375 });
    assert.equal(first.months, 178, 'a balance that only ever falls by 5 % a month takes years');
    // Without interest, 5 % a month of 40 pesos, rounded up: 2 a month down to 20 (10 months), then 1 a month (20 more).
    const small = payoffPayingMinimum({ nonFinanceable: 0, financeable: 40 }, { minimumPaymentBps: 500, monthlyInterestBps: 0 });
    assert.deepEqual(small, { months: 30, interest: 0 });
  });

  test('never ends when the minimum asks for none of the financeable part', () => {
    assert.deepEqual(payoffPayingMinimum({ nonFinanceable: 0, financeable: 10_000 }, { minimumPaymentBps: 0, monthlyInterestBps: 250 }), { months: null, interest: 0 });
  });

  test('has nothing to pay for a zero or credit balance', () => {
    assert.deepEqual(payoffPayingMinimum({ nonFinanceable: 0, financeable: 0 }, cmf), { months: 0, interest: 0 });
  });
});
