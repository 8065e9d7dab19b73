import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.ts';
import type { Database } from '../../db/schema.ts';
import { findEndedSessions, insertEndedSession, raiseSessionVersion, type SessionAudience } from './sessions.repository.ts';
import { clockSkewSeconds, endedBy, maxTokenSeconds, type TokenClaims } from './tokens.ts';

/**
 * How often an instance reads the sessions other instances ended: the longest
 * a sign-out elsewhere takes to reach it. What this instance ends counts here
 * at once.
 */
export const endedSessionsRefreshMs = 5_000;

/** How long after a raise of a session version a token below it may still be unexpired. */
const raiseMattersMs = (audience: SessionAudience) => (maxTokenSeconds[audience] + clockSkewSeconds) * 1000;

interface EndedTokens {
  /** Token ids signed out, with their store and when they expire. */
  tokens: Map<string, { merchantId: string; until: number }>;
  /** By audience, store and subject: the session version tokens need, and until when any token below it may live. */
  subjects: Record<SessionAudience, Map<string, Map<string, { version: number; until: number }>>>;
}

const nothingEnded = (): EndedTokens => ({ tokens: new Map(), subjects: { shopper: new Map(), agent: new Map() } });

function noteToken(ended: EndedTokens, merchantId: string, tokenId: string, until: number): void {
  ended.tokens.set(tokenId, { merchantId, until });
}

/** Versions only rise: of two notes of one subject, the higher stands. */
function noteSubject(ended: EndedTokens, audience: SessionAudience, merchantId: string, subject: string, version: number, until: number): void {
  let ofStore = ended.subjects[audience].get(merchantId);
  if (!ofStore) ended.subjects[audience].set(merchantId, (ofStore = new Map()));
  const known = ofStore.get(subject);
  if (!known || known.version < version) ofStore.set(subject, { version, until });
  else if (known.version === version && known.until < until) known.until = until;
}

/**
 * The sessions ended before their tokens expire, as every request checks them
 * without a statement of its own: kept in memory, read again every few seconds
 * (one statement for the whole instance, not one per shopper), and changed at
 * once by what this instance ends. Only what still matters is read and kept: a
 * signed-out token until it would have expired, a raised session version until
 * the longest token below it would have.
 */
export class EndedSessions {
  readonly #db: Kysely<Database>;
  readonly #clock: Clock;
  #ended = nothingEnded();
  #readAt = Number.NEGATIVE_INFINITY;
  #reading: Promise<void> | undefined;

  constructor(db: Kysely<Database>, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  async hasEnded(claims: TokenClaims, now: Date): Promise<boolean> {
    const { audience } = claims;
    // A device token stands for no session: it only tells a device that signed in before (see `logInAgent`).
    if (audience === 'device') return false;
    if (now.getTime() - this.#readAt >= endedSessionsRefreshMs) {
      await (this.#reading ??= this.#read(now).finally(() => (this.#reading = undefined)));
    }
    const token = this.#ended.tokens.get(claims.tokenId);
    if (token !== undefined && token.merchantId === claims.merchantId) return true;
    const subject = this.#ended.subjects[audience].get(claims.merchantId)?.get(claims.subject);
    return subject !== undefined && endedBy(claims, subject.version);
  }

  /** Ends the session of this token for good; the subject's other sessions go on. */
  async endOne(claims: TokenClaims): Promise<void> {
    await insertEndedSession(this.#db, { merchantId: claims.merchantId, tokenId: claims.tokenId, expiresAt: claims.expiresAt }, this.#clock());
    noteToken(this.#ended, claims.merchantId, claims.tokenId, claims.expiresAt.getTime());
  }

  /** Ends every session of the agent or customer so far; false when there is no such one. */
  async endAll(audience: SessionAudience, merchantId: string, subject: string): Promise<boolean> {
    const now = this.#clock();
    const raised = await raiseSessionVersion(this.#db, audience, merchantId, subject, now);
    if (!raised) return false;
    noteSubject(this.#ended, audience, merchantId, subject, raised.sessionVersion, now.getTime() + raiseMattersMs(audience));
    return true;
  }

  /**
   * Counts here at once a raise of a session version another write made in a
   * transaction of its own (a staff member's new role or password, their
   * removal): other instances read it within seconds, as any other.
   */
  noteEnded(audience: SessionAudience, merchantId: string, subject: string, version: number, at: Date): void {
    noteSubject(this.#ended, audience, merchantId, subject, version, at.getTime() + raiseMattersMs(audience));
  }

  /**
   * Reads what was ended, keeping what this instance knew that still matters:
   * a read that began before this instance ended a session may not show it.
   */
  async #read(now: Date): Promise<void> {
    const rows = await findEndedSessions(this.#db, {
      now,
      agentsEndedAfter: new Date(now.getTime() - raiseMattersMs('agent')),
      customersEndedAfter: new Date(now.getTime() - raiseMattersMs('shopper')),
    });
    const next = nothingEnded();
    for (const row of rows) {
      if (row.kind === 'token') noteToken(next, row.merchantId, row.subject, row.at.getTime());
      else noteSubject(next, row.kind, row.merchantId, row.subject, row.version, row.at.getTime() + raiseMattersMs(row.kind));
    }
    const { tokens, subjects } = this.#ended;
    for (const [tokenId, { merchantId, until }] of tokens) if (until > now.getTime()) noteToken(next, merchantId, tokenId, until);
    for (const audience of ['shopper', 'agent'] as const) {
      for (const [merchantId, ofStore] of subjects[audience]) {
        for (const [subject, { version, until }] of ofStore) if (until > now.getTime()) noteSubject(next, audience, merchantId, subject, version, until);
      }
    }
    this.#ended = next;
    this.#readAt = now.getTime();
  }
}
