import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { installmentSchedule } from './installments.ts';
import { cargaAnualEquivalente, creditRate } from './rates.ts';

describe('rates as a Chilean statement states them', () => {
  test('the annual rate is the monthly one times twelve', () => {
    assert.equal(creditRate(250).annualBps, 3_000);
    assert.equal(creditRate(199).annualBps, 2_388);
  });

  test('the CAE is the monthly internal rate of return of the cash flows, times twelve', () => {
    // 1.000 lent and 12 payments of 100: 2.9229 % a month.
    assert.equal(cargaAnualEquivalente(1_000, Array(12).fill(100)), 3_507);
    // A charge of 20 in each payment raises the cost above the interest alone.
    assert.equal(cargaAnualEquivalente(1_000, Array(12).fill(120)), 7_332);
    assert.equal(cargaAnualEquivalente(1_000, Array(12).fill(1_000 / 12)), 0, 'interest-free and without charges');
  });

  test('for a card that charges only interest, the CAE of 12 installments is the annual rate', () => {
    assert.equal(creditRate(250).caeBps, 3_000);
    assert.equal(creditRate(0).caeBps, 0);
  });
});

describe('installment schedules', () => {
  test('interest-free installments are equal, the last one absorbing the rounding', () => {
    assert.deepEqual(installmentSchedule(100_000, 3, 0), { amounts: [33_333, 33_333, 33_334], interest: [0, 0, 0] });
  });

  test('with interest, the French schedule: a constant installment whose interest falls as the capital is repaid', () => {
    const { amounts, interest } = installmentSchedule(300_000, 6, 199);
    assert.deepEqual(interest, [5_970, 5_023, 4_058, 3_073, 2_069, 1_045]);
    assert.equal(amounts[0], 53_540);
    assert.ok(amounts.slice(0, 5).every((amount) => amount === amounts[0]));
    assert.equal(amounts.reduce((a, b) => a + b, 0) - interest.reduce((a, b) => a + b, 0), 300_000, 'capital adds up to the amount bought');
    assert.equal(cargaAnualEquivalente(300_000, amounts), 2_388);
  });
});
