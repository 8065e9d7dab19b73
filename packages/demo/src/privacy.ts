import type { ConsentPurpose } from '@clientela/contract';
import type { Insertable } from 'kysely';
import type { Database } from '@clientela/server/db/schema';

type ConsentRow = Insertable<Database['consentChanges']>;
type AccessRow = Insertable<Database['accessLog']>;

const day = 86_400_000;

/**
 * What the demo shoppers answered when the store first asked, a month before
 * the seeding, under its text of December 2026: most let it recommend for
 * them, about half take offers by email, a few turned the birthday greeting
 * off, and one in seven never answered (the store's defaults stand for them:
 * nothing without consent). The personas answer as their stories need: Ana
 * and Emma allow profiling, Diego, new, never answered.
 */
export function makeConsents(now: Date, merchantId: string, customerIds: readonly string[]): ConsentRow[] {
  const at = new Date(now.getTime() - 30 * day);
  const rows: ConsentRow[] = [];
  customerIds.forEach((customerId, index) => {
    const n = index + 1;
    if (n === 4 || n % 7 === 0) return;
    const answers: Partial<Record<ConsentPurpose, boolean>> = { profiling: n % 5 !== 0, 'marketing-email': n % 2 === 1, ...(n % 11 === 0 ? { 'birthday-greeting': false } : {}) };
    for (const [purpose, granted] of Object.entries(answers) as Array<[ConsentPurpose, boolean]>) {
      rows.push({ merchantId, customerId, purpose, granted, textVersion: '2026-12', channel: 'portal', actorKind: 'shopper', actorStaffId: null, actorName: null, actorRole: null, at });
    }
  });
  return rows;
}

/** The staff's reads of Ana's data that go with their notes on her: the back office's page before the first, the console's panel during the delivery call. */
export function makeAccessLog(now: Date, merchantId: string, customerId: string, staff: { admin: { id: string; name: string }; agent: { id: string; name: string } }): AccessRow[] {
  return [
    { merchantId, customerId, staffId: staff.admin.id, staffName: staff.admin.name, staffRole: 'admin', view: 'customer-page', at: new Date(now.getTime() - 40 * day - 3_600_000) },
    { merchantId, customerId, staffId: staff.agent.id, staffName: staff.agent.name, staffRole: 'agent', view: 'customer-panel', at: new Date(now.getTime() - 12 * day - 1_800_000) },
  ];
}
