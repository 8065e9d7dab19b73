import { createHash } from 'node:crypto';
import { randomToken } from '../../core/random-token.ts';

export const newMerchantId = () => `mer_${randomToken(16)}`;
export const newStaffId = () => `stf_${randomToken(16)}`;
export const newPublishableKey = () => `pk_live_${randomToken(24)}`;
export const newSecretKey = () => `sk_live_${randomToken(40)}`;

/** Secret keys are long random strings, so a fast hash is enough to keep them unreadable at rest. */
export function hashSecretKey(secretKey: string): string {
  return createHash('sha256').update(secretKey).digest('hex');
}

export const isSecretKey = (value: string) => value.startsWith('sk_');
export const isPublishableKey = (value: string) => value.startsWith('pk_');
