import { isMarketingEmail, type EmailKind, type EmailSettings, type Locale } from '@clientela/contract';
import * as z from 'zod/mini';
import { renderHtml, renderText, type MailContent } from './mail-layout.ts';
import { mailWords, type QuotedMessage } from './mail-words.ts';

/** What each kind's trigger writes in the outbox (`facts`): checked when the mail is written out, as any stored JSON. */
const ProductFacts = z.object({ productId: z.string(), productName: z.string(), price: z.int(), previousPrice: z.nullable(z.int()), currency: z.string() });
export const mailFacts = {
  birthday: z.object({ points: z.int(), year: z.string() }),
  'price-drop': ProductFacts,
  'back-in-stock': ProductFacts,
  'points-expiring': z.object({ points: z.int(), expiresAt: z.string() }),
  'statement-closed': z.object({ period: z.string(), amountDue: z.int(), minimumPayment: z.int(), dueDate: z.string(), currency: z.string() }),
  'chat-reply': z.object({ conversationId: z.string(), afterSeq: z.int() }),
  'redemption-code': z.object({ rewardNames: z.object({ es: z.string(), en: z.string() }), code: z.string(), expiresAt: z.nullable(z.string()) }),
} satisfies Record<EmailKind, z.ZodMiniType>;

export type MailFacts = { [K in EmailKind]: z.infer<(typeof mailFacts)[K]> };

/** Everything about the shopper and the store that a mail is written with, besides its facts. */
export interface MailContext {
  locale: Locale;
  firstName: string;
  storeName: string;
  timeZone: string;
  settings: EmailSettings;
  /** The store's home page, and the pages of the settings resolved against it. */
  links: { store: string; preferences: string; unsubscribe: string };
  /** A chat reply's messages, read when it is sent. */
  quotes: QuotedMessage[];
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

const link = (pattern: string | null, fallback: string, values: Record<string, string> = {}) =>
  pattern ? Object.entries(values).reduce((url, [name, value]) => url.replaceAll(`{${name}}`, encodeURIComponent(value)), pattern) : fallback;

/** Writes out a mail of `kind` from its facts, in the shopper's language and the store's look. */
export function renderMail<K extends EmailKind>(kind: K, facts: MailFacts[K], context: MailContext): RenderedMail {
  const words = mailWords[context.locale];
  const money = (amount: number, currency: string) => {
    const format = new Intl.NumberFormat(words.languageTag, { style: 'currency', currency });
    return format.format(amount / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 0));
  };
  const points = (count: number) => `${new Intl.NumberFormat(words.languageTag).format(count)} ${context.locale === 'es' ? 'puntos' : 'points'}`;
  const dayOf = (instant: Date) => new Intl.DateTimeFormat(words.languageTag, { dateStyle: 'long', timeZone: context.timeZone }).format(instant);
  const calendarDay = (isoDate: string) => new Intl.DateTimeFormat(words.languageTag, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));
  const { settings, links } = context;
  const pointsPage = link(settings.pointsUrl, links.store);
  const body = ((): Omit<MailContent, 'lang' | 'storeName' | 'brandColor' | 'greeting' | 'footer'> => {
    const base = { facts: [] as Array<[string, string]>, quotes: [] as QuotedMessage[] };
    const f = facts as MailFacts[EmailKind];
    switch (kind) {
      case 'birthday': {
        const { points: bonus } = f as MailFacts['birthday'];
        const w = words.birthday;
        return { ...base, subject: w.subject(context.storeName), heading: w.heading, paragraphs: [w.body(points(bonus))], action: { label: w.action, url: pointsPage } };
      }
      case 'price-drop':
      case 'back-in-stock': {
        const product = f as MailFacts['price-drop'];
        const url = link(settings.productUrlPattern, links.store, { productId: product.productId });
        if (kind === 'price-drop') {
          const w = words.priceDrop;
          const was: Array<[string, string]> = product.previousPrice === null ? [] : [[w.was, money(product.previousPrice, product.currency)]];
          return { ...base, subject: w.subject(product.productName), heading: w.heading, paragraphs: [w.body(product.productName)], facts: [...was, [w.now, money(product.price, product.currency)]], action: { label: w.action, url } };
        }
        const w = words.backInStock;
        return { ...base, subject: w.subject(product.productName), heading: w.heading, paragraphs: [w.body(product.productName)], facts: [[w.price, money(product.price, product.currency)]], action: { label: w.action, url } };
      }
      case 'points-expiring': {
        const expiring = f as MailFacts['points-expiring'];
        const w = words.pointsExpiring;
        return { ...base, subject: w.subject(points(expiring.points)), heading: w.heading, paragraphs: [w.body(points(expiring.points), dayOf(new Date(expiring.expiresAt)))], action: { label: w.action, url: pointsPage } };
      }
      case 'statement-closed': {
        const statement = f as MailFacts['statement-closed'];
        const w = words.statement;
        const month = new Intl.DateTimeFormat(words.languageTag, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${statement.period}-01T00:00:00Z`));
        return {
          ...base,
          subject: w.subject(month),
          heading: w.heading,
          paragraphs: [w.body(month)],
          facts: [[w.amountDue, money(statement.amountDue, statement.currency)], [w.minimum, money(statement.minimumPayment, statement.currency)], [w.dueDate, calendarDay(statement.dueDate)]],
          action: { label: w.action, url: link(settings.statementUrl, links.store) },
        };
      }
      case 'chat-reply': {
        const { conversationId } = f as MailFacts['chat-reply'];
        const w = words.chatReply;
        return { ...base, subject: w.subject(context.storeName), heading: w.heading, paragraphs: [w.body(context.quotes.length)], quotes: context.quotes, action: { label: w.action, url: link(settings.chatUrl, links.store, { conversationId }) } };
      }
      case 'redemption-code': {
        const redemption = f as MailFacts['redemption-code'];
        const w = words.redemption;
        const reward = redemption.rewardNames[context.locale];
        const valid: Array<[string, string]> = redemption.expiresAt ? [[w.validUntil, dayOf(new Date(redemption.expiresAt))]] : [];
        return { ...base, subject: w.subject(reward), heading: w.heading, paragraphs: [w.body(reward)], code: { label: w.code, value: redemption.code }, facts: valid, action: { label: w.action, url: pointsPage } };
      }
    }
    throw new Error(`No mail of kind ${String(kind)}`);
  })();
  const footerLinks = [
    { label: words.footer.visitStore, url: links.store },
    { label: words.footer.preferences, url: links.preferences },
    { label: words.footer.unsubscribe, url: links.unsubscribe },
  ];
  const content: MailContent = {
    ...body,
    lang: context.locale,
    storeName: context.storeName,
    brandColor: settings.brandColor,
    greeting: words.greeting(context.firstName),
    footer: { lines: [words.footer.why(context.storeName), ...(isMarketingEmail(kind) ? [] : [words.footer.transactional])], links: footerLinks },
  };
  return { subject: content.subject, html: renderHtml(content), text: renderText(content) };
}
