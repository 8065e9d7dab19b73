import { sql } from 'kysely';
import type { Merchant } from '../../core/merchant.ts';
import type { Db } from '../../db/schema.ts';

export interface CardPortfolio {
  accounts: number;
  creditLimit: number;
  billed: number;
  outstanding: number;
  revolving: number;
  overdue: { accounts: number; amount: number };
}

/**
 * The store card's portfolio: every account's latest closed statement and
 * the payments and refund credits since it closed, in one statement on the
 * accounts' keys. What was billed and is still unpaid; the part carried from
 * the statement before without being paid during the cycle (revolving credit,
 * which bears interest); and the accounts past their due date with part of
 * the minimum unpaid (`settlement.overdue` of the cardholder's own statement),
 * with that part.
 *
 * Statements close when an account is next touched after its closing day
 * (see `closeStatements`): an account nobody touched since counts as of the
 * statement it has.
 */
export async function cardPortfolio(db: Db, merchant: Pick<Merchant, 'id' | 'timeZone'>, now: Date): Promise<CardPortfolio> {
  const { rows } = await sql<{
    accounts: string;
    creditLimit: string;
    billed: string;
    outstanding: string;
    revolving: string;
    overdueAccounts: string;
    overdueAmount: string;
  }>`
    with latest as (
      select distinct on (s.customer_id) s.customer_id, s.closing_date, s.due_end, s.closing_balance, s.minimum_payment,
             greatest(0, s.previous_balance - s.payments - s.credits) as carried
        from card_statements s
       where s.merchant_id = ${merchant.id}
       order by s.customer_id, s.period desc
    ),
    settled as (
      select l.*,
             coalesce((select sum(m.amount) from card_movements m
                        where m.merchant_id = ${merchant.id} and m.customer_id = l.customer_id
                          and m.occurred_at >= ((l.closing_date + 1)::timestamp at time zone ${merchant.timeZone})), 0) as paid
        from latest l
    ),
    statements as (
      select coalesce(sum(closing_balance), 0) as billed,
             coalesce(sum(greatest(0, closing_balance - paid)), 0) as outstanding,
             coalesce(sum(carried), 0) as revolving,
             count(*) filter (where due_end <= ${now} and minimum_payment > paid) as overdue_accounts,
             coalesce(sum(minimum_payment - paid) filter (where due_end <= ${now} and minimum_payment > paid), 0) as overdue_amount
        from settled
    ),
    accounts as (
      select count(*) as accounts, coalesce(sum(credit_limit), 0) as credit_limit from card_accounts where merchant_id = ${merchant.id}
    )
    select a.accounts::text as accounts, a.credit_limit::text as "creditLimit", s.billed::text as billed, s.outstanding::text as outstanding,
           s.revolving::text as revolving, s.overdue_accounts::text as "overdueAccounts", s.overdue_amount::text as "overdueAmount"
      from accounts a, statements s
  `.execute(db);
  const row = rows[0]!;
  return {
    accounts: Number(row.accounts),
    creditLimit: Number(row.creditLimit),
    billed: Number(row.billed),
    outstanding: Number(row.outstanding),
    revolving: Number(row.revolving),
    overdue: { accounts: Number(row.overdueAccounts), amount: Number(row.overdueAmount) },
  };
}
