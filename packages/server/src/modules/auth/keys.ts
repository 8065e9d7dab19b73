import { createHash, randomBytes } from 'node:crypto';

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A random identifier in base 62, without modulo bias. */
export function randomToken(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += alphabet[byte % 62];
    }
  }
  return out;
}

export const newMerchantId = () => `mer_${randomToken(16)}`;
export const newAgentId = () => `agt_${randomToken(16)}`;
export const newPublishableKey = () => `pk_live_${randomToken(24)}`;
export const newSecretKey = () => `sk_live_${randomToken(40)}`;

/** Secret keys are long random strings, so a fast hash is enough to keep them unreadable at rest. */
export function hashSecretKey(secretKey: string): string {
  return createHash('sha256').update(secretKey).digest('hex');
}

export const isSecretKey = (value: string) => value.startsWith('sk_');
export const isPublishableKey = (value: string) => value.startsWith('pk_');
