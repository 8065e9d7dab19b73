import { sql, type Kysely } from 'kysely';

/**
 * Revolving credit under the CMF's minimum payment rule. The minimum no
 * longer has a floor: it is the non-financeable amount plus a share of the
 * financeable one, and interest-free installments count as non-financeable by
 * a phased share (null follows the CMF's schedule). A purchase "con interés"
 * keeps the interest inside each installment, which the minimum needs. A
 * statement keeps what it discloses as it closed: how the minimum is made, the
 * rates and CAE, the coming installments and the cost of prepaying; statements
 * closed before this have none, and stay as they closed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table card_settings drop column minimum_payment_floor;
    alter table card_settings add column interest_free_installments_in_minimum_bps integer
      check (interest_free_installments_in_minimum_bps between 0 and 10000);

    alter table card_plans add column installment_interest jsonb;
    alter table card_statements add column disclosures jsonb;
  `.execute(db);

  // The interest inside the installments of purchases made before: the French split at the merchant's installment rate.
  const plans = await sql<{ merchantId: string; orderId: string; amount: string; installmentAmounts: number[]; withInterest: boolean; rateBps: number | null }>`
    select p.merchant_id as "merchantId", p.order_id as "orderId", p.amount, p.installment_amounts as "installmentAmounts",
      o.with_interest as "withInterest", s.installment_interest_bps as "rateBps"
    from card_plans p
    join orders o on o.merchant_id = p.merchant_id and o.id = p.order_id
    left join card_settings s on s.merchant_id = p.merchant_id
  `.execute(db);
  for (const plan of plans.rows) {
    const rate = plan.withInterest && plan.installmentAmounts.length > 1 ? (plan.rateBps ?? 199) / 10_000 : 0;
    let owed = Number(plan.amount);
    const interest = plan.installmentAmounts.map((amount) => {
      const charge = Math.min(amount, Math.max(0, Math.round(owed * rate)));
      owed -= amount - charge;
      return charge;
    });
    await sql`update card_plans set installment_interest = ${JSON.stringify(interest)}::jsonb
      where merchant_id = ${plan.merchantId} and order_id = ${plan.orderId}`.execute(db);
  }
  await sql`alter table card_plans alter column installment_interest set not null`.execute(db);
}
