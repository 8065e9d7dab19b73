import { consentPurposes, type ConsentActor, type ConsentAnswers, type ConsentPurpose, type Consents } from '@clientela/contract';
import type { Expression, SqlBool } from 'kysely';
import { storeActorOf } from '../../core/store-actor.ts';
import type { Db } from '../../db/schema.ts';
import { privacySettingsOf } from './privacy-settings.ts';
import { consentGivenSql, findLatestConsent, insertConsentChanges, listConsentChanges, type ConsentChangeRow } from './privacy.repository.ts';

/**
 * Whether the store may use the customer's data for a purpose now: their
 * latest answer, or the store's default when they never gave one. The one
 * question every module asks before it profiles, mails or greets.
 */
export async function mayProcess(db: Db, merchantId: string, customerId: string, purpose: ConsentPurpose): Promise<boolean> {
  const answer = await findLatestConsent(db, merchantId, customerId, purpose);
  if (answer) return answer.granted;
  return (await privacySettingsOf(db, merchantId)).consentDefaults[purpose];
}

const actorOf = (row: ConsentChangeRow): ConsentActor =>
  row.actorKind === 'shopper' ? { kind: 'shopper' } : storeActorOf(row.actorStaffId, row.actorName, row.actorRole);

/** Each purpose where it stands, and every change, newest first. */
export async function consentsOf(db: Db, merchantId: string, customerId: string): Promise<Consents> {
  const [settings, changes] = await Promise.all([privacySettingsOf(db, merchantId), listConsentChanges(db, merchantId, customerId)]);
  const items = consentPurposes.map((purpose) => {
    const latest = changes.find((change) => change.purpose === purpose);
    return latest
      ? { purpose, granted: latest.granted, source: 'answer' as const, textVersion: latest.textVersion, since: latest.at.toISOString() }
      : { purpose, granted: settings.consentDefaults[purpose], source: 'default' as const, textVersion: null, since: null };
  });
  const history = changes.map((row) => ({
    purpose: row.purpose,
    granted: row.granted,
    textVersion: row.textVersion,
    channel: row.channel,
    by: actorOf(row),
    at: row.at.toISOString(),
  }));
  return { textVersion: settings.consentTextVersion, items, history };
}

/** Who answers: the shopper in the store's page, or the store on their word (a member of the staff, with their name and role then, or the backend). */
export type ConsentAuthor = { kind: 'shopper' } | { kind: 'staff'; id: string; name: string; role: NonNullable<ConsentChangeRow['actorRole']> } | { kind: 'backend' };

/** Records the answers, each a change of its own kept for good, even one that repeats the answer before (the shopper confirmed it under this text). */
export async function answerConsents(db: Db, merchantId: string, customerId: string, answers: ConsentAnswers, by: ConsentAuthor, at: Date): Promise<void> {
  const staff = by.kind === 'staff' ? by : null;
  await insertConsentChanges(
    db,
    consentPurposes
      .filter((purpose) => answers.consents[purpose] !== undefined)
      .map((purpose) => ({
        merchantId,
        customerId,
        purpose,
        granted: answers.consents[purpose]!,
        textVersion: answers.textVersion,
        channel: by.kind === 'shopper' ? 'portal' : 'store',
        actorKind: by.kind,
        actorStaffId: staff?.id ?? null,
        actorName: staff?.name ?? null,
        actorRole: staff?.role ?? null,
        at,
      })),
  );
}

/** `mayProcess` for every customer of a query at once (customers aliased `c`), to filter by. */
export async function mayProcessSql(db: Db, merchantId: string, purpose: ConsentPurpose): Promise<Expression<SqlBool>> {
  return consentGivenSql(purpose, (await privacySettingsOf(db, merchantId)).consentDefaults[purpose]);
}
