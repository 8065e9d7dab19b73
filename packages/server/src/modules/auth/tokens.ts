import { errors, jwtVerify, SignJWT } from 'jose';
import type { Clock } from '../../clock.ts';
import { ProblemError } from '../../http/problem.ts';

export type TokenAudience = 'shopper' | 'agent';

export interface TokenClaims {
  audience: TokenAudience;
  merchantId: string;
  /** The customer id (merchant's own) for a shopper, the agent id for an agent. */
  subject: string;
  expiresAt: Date;
}

const issuer = 'clientela';
const algorithm = 'HS256';
const audienceUri = (audience: TokenAudience) => `clientela:${audience}`;

/** The longest life a token may claim; a longer one is refused even when its signature is good. */
export const maxTokenSeconds: Record<TokenAudience, number> = { shopper: 15 * 60, agent: 12 * 60 * 60 };

const maxVerifiedTokens = 10_000;

const expired = () => new ProblemError('token-expired', 'The token has expired: ask for a new one');
const invalid = () => new ProblemError('unauthenticated', 'The token is not valid');

/** Signs and checks shopper and agent tokens: HS256 only, with issuer, audience, expiry and merchant checked. */
export class TokenService {
  // Imported once: handing jose raw bytes would import the key again on every sign and verify.
  readonly #key: Promise<CryptoKey>;
  readonly #clock: Clock;
  /**
   * Tokens that passed every check, by audience and token: a widget sends the
   * same token with every call for its whole life. What a token says cannot
   * change under a key that does not change, so only the checks that depend
   * on the time are made again, as jose makes them: `nbf`, then `exp`.
   */
  readonly #verified: Record<TokenAudience, Map<string, { claims: TokenClaims; notBefore: number | undefined; expires: number }>> = {
    shopper: new Map(),
    agent: new Map(),
  };

  constructor(secret: Uint8Array, clock: Clock) {
    if (secret.byteLength < 32) throw new Error('The token secret must have at least 32 bytes');
    this.#key = crypto.subtle.importKey('raw', new Uint8Array(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    this.#clock = clock;
  }

  async issue(audience: TokenAudience, merchantId: string, subject: string, ttlSeconds: number) {
    const seconds = Math.min(ttlSeconds, maxTokenSeconds[audience]);
    const issuedAt = Math.floor(this.#clock().getTime() / 1000);
    const expiresAt = new Date((issuedAt + seconds) * 1000);
    const token = await new SignJWT({ mid: merchantId })
      .setProtectedHeader({ alg: algorithm, typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience(audienceUri(audience))
      .setSubject(subject)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + seconds)
      .sign(await this.#key);
    return { token, expiresAt };
  }

  /** The token's claims, or a 401 problem: `token-expired` for a genuine token past its time, `unauthenticated` otherwise. */
  async verify(token: string, audience: TokenAudience): Promise<TokenClaims> {
    // By audience, then by the token as sent: a key made of both would be a new string to hash on every call.
    const verifiedTokens = this.#verified[audience];
    const verified = verifiedTokens.get(token);
    if (verified) {
      const now = Math.floor(this.#clock().getTime() / 1000);
      if (verified.notBefore !== undefined && verified.notBefore > now) throw invalid();
      if (verified.expires <= now) {
        verifiedTokens.delete(token);
        throw expired();
      }
      return verified.claims;
    }
    try {
      const { payload } = await jwtVerify(token, await this.#key, {
        algorithms: [algorithm],
        issuer,
        audience: audienceUri(audience),
        currentDate: this.#clock(),
        requiredClaims: ['exp', 'iat', 'sub', 'mid'],
      });
      const { mid, sub, exp, iat, nbf } = payload;
      if (typeof mid !== 'string' || !sub || !exp || !iat || exp - iat > maxTokenSeconds[audience]) throw invalid();
      const claims = { audience, merchantId: mid, subject: sub, expiresAt: new Date(exp * 1000) };
      // One bound over both audiences, as when they shared a map.
      const { shopper, agent } = this.#verified;
      if (shopper.size + agent.size >= maxVerifiedTokens) {
        shopper.clear();
        agent.clear();
      }
      verifiedTokens.set(token, { claims, notBefore: nbf, expires: exp });
      return claims;
    } catch (error) {
      if (error instanceof ProblemError) throw error;
      if (error instanceof errors.JWTExpired) throw expired();
      throw invalid();
    }
  }
}
