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

/** Signs and checks shopper and agent tokens: HS256 only, with issuer, audience, expiry and merchant checked. */
export class TokenService {
  // Imported once: handing jose raw bytes would import the key again on every sign and verify.
  readonly #key: Promise<CryptoKey>;
  readonly #clock: Clock;

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
    try {
      const { payload } = await jwtVerify(token, await this.#key, {
        algorithms: [algorithm],
        issuer,
        audience: audienceUri(audience),
        currentDate: this.#clock(),
        requiredClaims: ['exp', 'iat', 'sub', 'mid'],
      });
      const { mid, sub, exp, iat } = payload;
      if (typeof mid !== 'string' || !sub || !exp || !iat || exp - iat > maxTokenSeconds[audience]) {
        throw new ProblemError('unauthenticated', 'The token is not valid');
      }
      return { audience, merchantId: mid, subject: sub, expiresAt: new Date(exp * 1000) };
    } catch (error) {
      if (error instanceof ProblemError) throw error;
      if (error instanceof errors.JWTExpired) throw new ProblemError('token-expired', 'The token has expired: ask for a new one');
      throw new ProblemError('unauthenticated', 'The token is not valid');
    }
  }
}
