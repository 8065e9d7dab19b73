// Who calls: stores and their keys and origins, their staff (owners, admins, agents) and passwords, shopper and staff sessions and their tokens.
export { createAgent, createStaffMember } from './auth.service.ts';
export { EndedSessions } from './ended-sessions.ts';
export { hashSecretKey, isPublishableKey, isSecretKey } from './keys.ts';
export { MerchantDirectory } from './merchant-directory.ts';
export { findMerchantById } from './merchants.repository.ts';
export {
  addMerchant,
  addOrigin,
  allowOrigins,
  createMerchant,
  listOrigins,
  normalizeOrigin,
  removeOrigin,
  rollKey,
  rotateTokenKey,
  type CreatedMerchant,
  type NewMerchant,
} from './merchants.service.ts';
export { findStaffMember } from './staff.repository.ts';
export { loadTokenSecret } from './token-secret.ts';
export { endedBy, sessionEnded, TokenService, type TokenAudience, type TokenClaims } from './tokens.ts';
