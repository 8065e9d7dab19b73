import type { EmailSettings } from '@clientela/contract';
import type { Db } from '../../db/schema.ts';

/** A store's mail settings until it sets its own: links to its home page, a dark teal that carries white text, reminders a week ahead. */
export const defaultEmailSettings: EmailSettings = {
  productUrlPattern: null,
  storeUrl: null,
  statementUrl: null,
  chatUrl: null,
  pointsUrl: null,
  preferencesUrl: null,
  pointsExpiryNoticeDays: 7,
  brandColor: '#0f5f5c',
};

export async function emailSettingsOf(db: Db, merchantId: string): Promise<EmailSettings> {
  const row = await db.selectFrom('emailSettings').selectAll().where('merchantId', '=', merchantId).executeTakeFirst();
  if (!row) return defaultEmailSettings;
  const { merchantId: _, ...settings } = row;
  return settings;
}

export async function putEmailSettings(db: Db, merchantId: string, settings: EmailSettings): Promise<EmailSettings> {
  await db
    .insertInto('emailSettings')
    .values({ merchantId, ...settings })
    .onConflict((conflict) => conflict.column('merchantId').doUpdateSet(settings))
    .execute();
  return emailSettingsOf(db, merchantId);
}
