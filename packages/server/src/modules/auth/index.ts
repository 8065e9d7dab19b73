// Who calls: stores and their keys and origins, agents and their passwords, shopper and agent sessions and their tokens.
export { createAgent } from './auth.service.ts';
export { EndedSessions } from './ended-sessions.ts';
export { hashSecretKey, isPublishableKey, isSecretKey } from './keys.ts';
export { MerchantDirectory } from './merchant-directory.ts';
export { findMerchantById } from './merchants.repository.ts';
export { addMerchant, allowOrigins, createMerchant, normalizeOrigin, rotateTokenKey, type CreatedMerchant, type NewMerchant } from './merchants.service.ts';
export { loadTokenSecret } from './token-secret.ts';
export { endedBy, sessionEnded, TokenService, type TokenAudience, type TokenClaims } from './tokens.ts';
