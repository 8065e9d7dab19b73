import { isMarketingEmail, type EmailKind, type Locale } from '@clientela/contract';
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import type { Merchant } from '../../core/merchant.ts';
import { repeat } from '../../core/repeating-job.ts';
import type { Database } from '../../db/schema.ts';
import { mayProcess } from '../privacy/index.ts';
import { nextAttemptAt } from '../webhooks/index.ts';
import { agentMessagesAfter, claimDueMail, recordMailAttempt, releaseClaims, suppress, suppressionsOf, type ClaimedMail, type MailOutcome } from './email.repository.ts';
import { emailSettingsOf } from '../mail-outbox/index.ts';
import { isHardBounce, isUnreachable, type Mailer } from './mailers.ts';
import { mailFacts, renderMail, type MailContext, type MailFacts } from './messages.ts';
import type { UnsubscribeLinks } from './unsubscribe-links.ts';

export interface MailSenderOptions {
  db: Kysely<Database>;
  clock: Clock;
  mailer: Mailer;
  /** MAIL_FROM: the address mail comes from; the store's name is its display name. */
  from: string;
  unsubscribeLinks: UnsubscribeLinks;
  merchantById: (id: string) => Promise<Merchant | undefined>;
  /** Mails of one store sent in one round (every couple of seconds): how a store that mails thousands leaves room for the others; 10. */
  perMerchant?: number;
  /** Mails sent in one round in all; 50. */
  batchSize?: number;
  /** Source of the retry jitter, in [0, 1). */
  random?: () => number;
}

/** How long a claimed mail is left alone before another sender may take it: well past the SMTP timeouts. */
const leaseMs = 120_000;

type Attempt = 'done' | 'unreachable';

/**
 * Sends the mail outbox: claims due mails, writes each for its shopper as
 * they are now (their address, name and language), skips what may not be
 * sent (no consent to marketing, a suppressed address, an erased customer, a
 * reply already read), and records what the SMTP server answered. A refused
 * recipient is a hard bounce, suppressed for good; any other failure is
 * tried again later, with backoff, until the attempts run out.
 */
export class MailSender {
  readonly #options: Required<Omit<MailSenderOptions, 'random'>> & { random: () => number };
  #stopped = false;

  constructor(options: MailSenderOptions) {
    this.#options = { perMerchant: 10, batchSize: 50, random: Math.random, ...options };
  }

  /** Sends one round of due mail; resolves to the number of attempts made. */
  async tick(): Promise<number> {
    const { db, clock, perMerchant, batchSize } = this.#options;
    const now = clock();
    const claimed = await claimDueMail(db, now, new Date(now.getTime() + leaseMs), perMerchant, batchSize);
    for (const [index, claim] of claimed.entries()) {
      if (this.#stopped || (await this.#attempt(claim)) === 'unreachable') {
        // The server does not answer: the rest would only wait on it too. They go back, untried, for the next round after the wait.
        await releaseClaims(db, claimed.slice(this.#stopped ? index : index + 1), new Date(clock().getTime() + 30_000));
        return index + 1;
      }
    }
    return claimed.length;
  }

  stop(): void {
    this.#stopped = true;
  }

  async #attempt(claim: ClaimedMail): Promise<Attempt> {
    const { db, clock } = this.#options;
    const finish = (outcome: Partial<MailOutcome> & Pick<MailOutcome, 'status'>) =>
      recordMailAttempt(db, claim, { reason: null, recipient: null, subject: null, nextAttemptAt: null, sentAt: null, ...outcome });
    const skip = (reason: string) => finish({ status: 'skipped', reason });

    const [merchant, customer] = await Promise.all([
      this.#options.merchantById(claim.merchantId),
      db
        .selectFrom('customers')
        .select(['firstName', 'email', 'locale', 'erasedAt'])
        .where('merchantId', '=', claim.merchantId)
        .where('id', '=', claim.customerId)
        .executeTakeFirst(),
    ]);
    if (!merchant || !customer || customer.erasedAt) return skip('erased').then(() => 'done');
    if (!customer.email) return skip('no-address').then(() => 'done');
    const facts = mailFacts[claim.kind].safeParse(claim.facts);
    if (!facts.success) return finish({ status: 'failed', reason: 'The mail\'s facts are not of its kind' }).then(() => 'done');
    const refusal = await this.#refusal(claim, customer.email);
    if (refusal) return skip(refusal).then(() => 'done');

    const quotes = claim.kind === 'chat-reply' ? await this.#unreadReplies(claim, facts.data as MailFacts['chat-reply'], merchant.name) : [];
    if (claim.kind === 'chat-reply' && quotes.length === 0) return skip('read').then(() => 'done');

    const settings = await emailSettingsOf(db, claim.merchantId);
    const unsubscribe = this.#options.unsubscribeLinks.url(claim);
    const store = settings.storeUrl ?? merchant.origins[0] ?? unsubscribe;
    const locale: Locale = customer.locale === 'en' || customer.locale === 'es' ? customer.locale : merchant.locale === 'en' ? 'en' : 'es';
    const context: MailContext = {
      locale,
      firstName: customer.firstName,
      storeName: merchant.name,
      timeZone: merchant.timeZone,
      settings,
      links: { store, preferences: settings.preferencesUrl ?? store, unsubscribe },
      quotes,
    };
    const mail = renderMail(claim.kind, facts.data as MailFacts[EmailKind], context);
    const fromAddress = this.#options.from;
    try {
      await this.#options.mailer.send({
        merchantId: claim.merchantId,
        deliveryId: claim.id,
        from: { name: merchant.name, address: fromAddress },
        to: customer.email,
        ...mail,
        messageId: `<${claim.id}@${fromAddress.split('@')[1] ?? 'clientela'}>`,
        headers: {
          'List-Unsubscribe': `<${unsubscribe}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          'X-Clientela-Kind': claim.kind,
          'Auto-Submitted': 'auto-generated',
        },
        at: clock(),
      });
    } catch (error) {
      const reason = describe(error);
      if (isHardBounce(error)) {
        await suppress(db, claim.merchantId, customer.email, 'bounce', clock());
        await finish({ status: 'failed', reason: `bounced: ${reason}`, recipient: customer.email, subject: mail.subject });
        return 'done';
      }
      const next = nextAttemptAt(clock(), claim.attempts, claim.maxAttempts, this.#options.random());
      await finish({ status: next ? 'pending' : 'failed', reason, recipient: customer.email, subject: mail.subject, nextAttemptAt: next });
      return isUnreachable(error) ? 'unreachable' : 'done';
    }
    await finish({ status: 'sent', recipient: customer.email, subject: mail.subject, sentAt: clock() });
    return 'done';
  }

  /** Why the mail may not go to this address now, if it may not: a bounce, an unsubscribe or a missing consent (asked as it stands at sending). */
  async #refusal(claim: ClaimedMail, address: string): Promise<string | undefined> {
    const { db } = this.#options;
    const suppressions = await suppressionsOf(db, claim.merchantId, address);
    if (suppressions.includes('bounce')) return 'suppressed: bounced';
    if (!isMarketingEmail(claim.kind)) return undefined;
    if (suppressions.includes('unsubscribe')) return 'suppressed: unsubscribed';
    if (!(await mayProcess(db, claim.merchantId, claim.customerId, 'marketing-email'))) return 'no-consent';
    if (claim.kind === 'birthday' && !(await mayProcess(db, claim.merchantId, claim.customerId, 'birthday-greeting'))) return 'no-consent';
    return undefined;
  }

  /** The agent's messages the shopper has not read yet: a reply mail waits, and is not sent when the shopper read them meanwhile. */
  async #unreadReplies(claim: ClaimedMail, facts: MailFacts['chat-reply'], storeName: string) {
    const { db } = this.#options;
    const conversation = await db
      .selectFrom('conversations')
      .select('shopperReadSeq')
      .where('merchantId', '=', claim.merchantId)
      .where('id', '=', facts.conversationId)
      .executeTakeFirst();
    if (!conversation) return [];
    const messages = await agentMessagesAfter(db, claim.merchantId, facts.conversationId, Math.max(facts.afterSeq, conversation.shopperReadSeq));
    return messages.filter((message) => message.body !== '').map((message) => ({ author: message.authorName ?? storeName, body: message.body }));
  }
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message || error.name : String(error);
  return message.slice(0, 500);
}

/** Runs the sender every `everyMs` (2 s), a round at a time; the timer never keeps the process alive. `stop` waits for the round under way. */
export function scheduleMailSending(sender: MailSender, logger: Logger, everyMs = 2_000): { stop(): Promise<void> } {
  const job = repeat(() => sender.tick(), 'mail sending', logger, everyMs);
  return {
    stop: async () => {
      sender.stop();
      await job.stop();
    },
  };
}
