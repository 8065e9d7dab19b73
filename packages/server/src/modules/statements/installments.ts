/**
 * Equal installments, the last absorbing rounding; with interest, the French
 * (constant payment) schedule, with the interest inside each installment.
 */
export function installmentSchedule(amount: number, count: number, monthlyInterestBps: number): { amounts: number[]; interest: number[] } {
  if (count === 1) return { amounts: [amount], interest: [0] };
  const rate = monthlyInterestBps / 10_000;
  if (rate === 0) {
    const each = Math.floor(amount / count);
    return { amounts: Array.from({ length: count }, (_, i) => (i < count - 1 ? each : amount - each * (count - 1))), interest: Array(count).fill(0) };
  }
  const payment = Math.round((amount * rate) / (1 - (1 + rate) ** -count));
  const amounts: number[] = [];
  const interest: number[] = [];
  let owed = amount;
  for (let i = 0; i < count; i++) {
    const charge = Math.round(owed * rate);
    // The last installment pays off what is left, so capital adds up to the amount bought.
    const capital = i < count - 1 ? Math.min(owed, payment - charge) : owed;
    amounts.push(capital + charge);
    interest.push(charge);
    owed -= capital;
  }
  return { amounts, interest };
}
