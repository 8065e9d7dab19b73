import type { PrivacySettings } from '@clientela/contract';
import type { Db } from '../../db/schema.ts';
import { findPrivacySettings, upsertPrivacySettings } from './privacy.repository.ts';

/**
 * A store's settings until it sets its own: marketing email and profiling
 * wait for the shopper's consent (the law needs it), the birthday greeting
 * is on (part of the loyalty programme the shopper joined) until they turn it
 * off, and nothing is deleted by age.
 */
export const defaultPrivacySettings: PrivacySettings = {
  consentTextVersion: '2026-12',
  consentDefaults: { 'marketing-email': false, profiling: false, 'birthday-greeting': true },
  chatRetentionDays: null,
  inactiveCustomerRetentionDays: null,
};

export async function privacySettingsOf(db: Db, merchantId: string): Promise<PrivacySettings> {
  const row = await findPrivacySettings(db, merchantId);
  if (!row) return defaultPrivacySettings;
  return {
    consentTextVersion: row.consentTextVersion,
    consentDefaults: { ...defaultPrivacySettings.consentDefaults, ...row.consentDefaults },
    chatRetentionDays: row.chatRetentionDays,
    inactiveCustomerRetentionDays: row.inactiveCustomerRetentionDays,
  };
}

export async function putPrivacySettings(db: Db, merchantId: string, settings: PrivacySettings): Promise<PrivacySettings> {
  await upsertPrivacySettings(db, merchantId, settings);
  return privacySettingsOf(db, merchantId);
}
