import { hkdfSync } from 'node:crypto';
import { staffRoles, type StaffRole } from '@clientela/contract';
import { decodeProtectedHeader, errors, jwtVerify, SignJWT } from 'jose';
import type { Clock } from '../../core/clock.ts';
import type { TokenKeyVersions } from '../../core/merchant.ts';
import { ProblemError } from '../../core/problem.ts';
import { randomToken } from '../../core/random-token.ts';

/** Shopper and agent sessions, and the device an agent signed in from (see `logInAgent`). */
export type TokenAudience = 'shopper' | 'agent' | 'device';

export interface TokenClaims {
  audience: TokenAudience;
  merchantId: string;
  /** The customer id (merchant's own) for a shopper, the agent id for an agent, the account (email) for a device. */
  subject: string;
  /** The token's own id (`jti`): what signing out of one session ends. */
  tokenId: string;
  /** The subject's session version when it was issued (`sv`): raising the subject's ends every token below it. */
  sessionVersion: number;
  expiresAt: Date;
  /** The version of the store's key that signed it. */
  keyVersion: number;
  /**
   * A staff session's role (`role`), as it was at sign-in: a change of role
   * ends the session, so it holds for the token's life. Tokens issued before
   * staff had roles carry none: they are `agent`.
   */
  role?: StaffRole;
}

/** What a token's standing depends on besides its signature and claims. */
export interface TokenRegistry {
  /** The store's key versions, or undefined when there is no such store. */
  keysOf(merchantId: string): Promise<TokenKeyVersions | undefined>;
  /** Whether the session the token stands for was ended before the token expired. */
  hasEnded(claims: TokenClaims, now: Date): Promise<boolean>;
}

/** What a token service knows without a server's database: every store at its first key, no session ended. For tools and tests that sign tokens. */
const withoutServer: TokenRegistry = { keysOf: async () => ({ current: 1, previousUntil: null }), hasEnded: async () => false };

const issuer = 'clientela';
const algorithm = 'HS256';
const audienceUri = (audience: TokenAudience) => `clientela:${audience}`;

/** The longest life a token may claim; a longer one is refused even when its signature is good. */
export const maxTokenSeconds: Record<TokenAudience, number> = { shopper: 15 * 60, agent: 12 * 60 * 60, device: 30 * 24 * 60 * 60 };

/**
 * How far ahead of this server's clock a token's issue time may be: another
 * instance's clock may run that much fast. A token from further ahead was not
 * issued by an instance of ours.
 */
export const clockSkewSeconds = 60;

/** A key's name in the `kid` header: the store and the key's version. */
const keyId = (merchantId: string, version: number) => `${merchantId}.v${version}`;
const keyIdPattern = /^(.+)\.v([1-9]\d{0,8})$/;

/**
 * A store's signing key: HKDF-SHA256 of the server's token secret, with the
 * store and the version as info. A key that leaks signs for its store and
 * version only; the server's secret itself signs nothing.
 */
function deriveKey(secret: Uint8Array, merchantId: string, version: number): Promise<CryptoKey> {
  const key = hkdfSync('sha256', secret, new Uint8Array(0), `clientela token key\u0000${merchantId}\u0000${version}`, 32);
  return crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
}

const maxVerifiedTokens = 10_000;
const maxDerivedKeys = 10_000;

const expired = () => new ProblemError('token-expired', 'The token has expired: ask for a new one');
const invalid = () => new ProblemError('invalid-token', 'The token is not valid: it was not issued by this API for this store and this kind of caller. Ask for a new one');
export const sessionEnded = () => new ProblemError('session-ended', 'The session has ended (signed out, or ended by the store): sign in again');

/** Whether the subject's sessions were ended after the token was issued: its session version is below theirs now. */
export const endedBy = (claims: Pick<TokenClaims, 'sessionVersion'>, subjectVersion: number) => claims.sessionVersion < subjectVersion;

/**
 * Signs and checks tokens: HS256 only, under a key of the token's store named
 * by `kid`, with issuer, exact audience, issue time, expiry and store checked,
 * and the session not ended.
 */
export class TokenService {
  readonly #secret: Uint8Array;
  readonly #clock: Clock;
  readonly #registry: TokenRegistry;
  // Derived and imported once per store and version: deriving on every sign and verify would cost each call.
  readonly #keys = new Map<string, Promise<CryptoKey>>();
  /**
   * Tokens whose signature and claims passed, by audience and token: a widget
   * sends the same token with every call for its whole life. What a token says
   * cannot change, so only the checks that depend on the time are made again,
   * as jose makes them (`nbf`, then `exp`), and those of its standing: its
   * key still verifies, its session has not ended.
   */
  readonly #verified: Record<TokenAudience, Map<string, { claims: TokenClaims; notBefore: number | undefined; expires: number }>> = {
    shopper: new Map(),
    agent: new Map(),
    device: new Map(),
  };

  constructor(secret: Uint8Array, clock: Clock, registry: TokenRegistry = withoutServer) {
    if (secret.byteLength < 32) throw new Error('The token secret must have at least 32 bytes');
    this.#secret = new Uint8Array(secret);
    this.#clock = clock;
    this.#registry = registry;
  }

  /** A token of the subject's session at `sessionVersion` (0 until their sessions are first ended), under the store's current key; a staff session names its role. */
  async issue(audience: TokenAudience, merchantId: string, subject: string, ttlSeconds: number, sessionVersion = 0, role?: StaffRole) {
    const keys = await this.#registry.keysOf(merchantId);
    if (!keys) throw new Error(`No merchant ${merchantId} to issue a token for`);
    const seconds = Math.min(ttlSeconds, maxTokenSeconds[audience]);
    const issuedAt = Math.floor(this.#clock().getTime() / 1000);
    const expiresAt = new Date((issuedAt + seconds) * 1000);
    const token = await new SignJWT({ mid: merchantId, sv: sessionVersion, ...(role === undefined ? {} : { role }) })
      .setProtectedHeader({ alg: algorithm, typ: 'JWT', kid: keyId(merchantId, keys.current) })
      .setIssuer(issuer)
      .setAudience(audienceUri(audience))
      .setSubject(subject)
      .setJti(randomToken(22))
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + seconds)
      .sign(await this.#keyFor(merchantId, keys.current));
    return { token, expiresAt };
  }

  /**
   * The token's claims, or a 401 problem: `token-expired` for a genuine token
   * past its time, `invalid-token` for anything else, `session-ended` for a session that was ended.
   */
  async verify(token: string, audience: TokenAudience): Promise<TokenClaims> {
    const now = this.#clock();
    // By audience, then by the token as sent: a key made of both would be a new string to hash on every call.
    const verifiedTokens = this.#verified[audience];
    const verified = verifiedTokens.get(token);
    let claims: TokenClaims;
    if (verified) {
      const seconds = Math.floor(now.getTime() / 1000);
      if (verified.notBefore !== undefined && verified.notBefore > seconds) throw invalid();
      if (verified.expires <= seconds) {
        verifiedTokens.delete(token);
        throw expired();
      }
      if (!(await this.#keyVerifies(verified.claims.merchantId, verified.claims.keyVersion, now))) throw invalid();
      claims = verified.claims;
    } else {
      claims = await this.#check(token, audience, now);
    }
    if (await this.#registry.hasEnded(claims, now)) throw sessionEnded();
    return claims;
  }

  /** Every check of a token not seen before; the claims of one that passes are remembered. */
  async #check(token: string, audience: TokenAudience, now: Date): Promise<TokenClaims> {
    try {
      const { kid } = decodeProtectedHeader(token);
      const named = typeof kid === 'string' ? keyIdPattern.exec(kid) : null;
      if (!named) throw invalid();
      const merchantId = named[1]!;
      const keyVersion = Number(named[2]);
      // Before any cryptography: a made-up store or version costs a lookup in memory, not a key derivation.
      if (!(await this.#keyVerifies(merchantId, keyVersion, now))) throw invalid();
      const { payload } = await jwtVerify(token, await this.#keyFor(merchantId, keyVersion), {
        algorithms: [algorithm],
        issuer,
        audience: audienceUri(audience),
        currentDate: now,
        requiredClaims: ['exp', 'iat', 'sub', 'jti'],
      });
      const { mid, sv, sub, jti, aud, exp, iat, nbf, role } = payload;
      const seconds = Math.floor(now.getTime() / 1000);
      const wellFormed =
        aud === audienceUri(audience) &&
        mid === merchantId &&
        typeof sv === 'number' && Number.isSafeInteger(sv) && sv >= 0 &&
        typeof jti === 'string' && jti.length > 0 && jti.length <= 64 &&
        sub && exp && iat !== undefined &&
        iat <= seconds + clockSkewSeconds &&
        exp - iat <= maxTokenSeconds[audience] &&
        (role === undefined || (audience === 'agent' && staffRoles.includes(role as StaffRole)));
      if (!wellFormed) throw invalid();
      const claims: TokenClaims = { audience, merchantId, subject: sub, tokenId: jti, sessionVersion: sv, expiresAt: new Date(exp * 1000), keyVersion };
      if (role !== undefined) claims.role = role as StaffRole;
      this.#remember(this.#verified[audience], token, { claims, notBefore: nbf, expires: exp });
      return claims;
    } catch (error) {
      if (error instanceof ProblemError) throw error;
      if (error instanceof errors.JWTExpired) throw expired();
      throw invalid();
    }
  }

  /** Whether the store's key of this version verifies tokens now: the current one, or the one before within its grace. */
  async #keyVerifies(merchantId: string, version: number, now: Date): Promise<boolean> {
    const keys = await this.#registry.keysOf(merchantId);
    if (!keys) return false;
    return version === keys.current || (version === keys.current - 1 && keys.previousUntil !== null && now < keys.previousUntil);
  }

  #keyFor(merchantId: string, version: number): Promise<CryptoKey> {
    const id = keyId(merchantId, version);
    let key = this.#keys.get(id);
    if (!key) {
      if (this.#keys.size >= maxDerivedKeys) this.#keys.clear();
      key = deriveKey(this.#secret, merchantId, version);
      this.#keys.set(id, key);
    }
    return key;
  }

  #remember<T>(verifiedTokens: Map<string, T>, token: string, entry: T): void {
    // One bound over every audience, as when they shared a map.
    const maps = Object.values(this.#verified);
    if (maps.reduce((size, map) => size + map.size, 0) >= maxVerifiedTokens) for (const map of maps) map.clear();
    verifiedTokens.set(token, entry);
  }
}
