import * as z from 'zod/mini';
import { IsoDateTime } from './common.ts';
import { defineEndpoint, ownersAndAdmins } from './endpoint.ts';

/**
 * The mails Clientela sends a store's shoppers. Marketing kinds go out only
 * with the shopper's consent to marketing email; transactional kinds always.
 */
export const marketingEmailKinds = ['birthday', 'price-drop', 'back-in-stock', 'points-expiring'] as const;
export const transactionalEmailKinds = ['statement-closed', 'chat-reply', 'redemption-code'] as const;
export const emailKinds = [...marketingEmailKinds, ...transactionalEmailKinds] as const;
export const EmailKind = z.enum(emailKinds);
export type EmailKind = z.infer<typeof EmailKind>;

export const isMarketingEmail = (kind: EmailKind): boolean => (marketingEmailKinds as readonly string[]).includes(kind);

/**
 * Where a mail stands: `pending` until sent (or while retried), `sent` once
 * the SMTP server took it, `failed` when it refused the address for good or
 * the attempts ran out, `skipped` when it was not to be sent (see `reason`).
 */
export const emailDeliveryStatuses = ['pending', 'sent', 'failed', 'skipped'] as const;
export const EmailDeliveryStatus = z.enum(emailDeliveryStatuses);
export type EmailDeliveryStatus = z.infer<typeof EmailDeliveryStatus>;

/** A link a mail points to, with `{…}` placeholders the mail fills in. */
const LinkPattern = (placeholder: string | null) =>
  z.nullable(
    z.string().check(
      z.maxLength(2048),
      z.refine((text) => {
        try {
          const url = new URL(placeholder ? text.replaceAll(placeholder, 'x') : text);
          return url.protocol === 'https:' || url.protocol === 'http:';
        } catch {
          return false;
        }
      }, placeholder ? `An http or https URL; ${placeholder} stands for the id` : 'An http or https URL'),
    ),
  );

const HexColor = z.string().check(z.maxLength(7), z.regex(/^#[0-9a-fA-F]{6}$/, 'A colour as #rrggbb'));

/** How a store's mails look and where their links go. */
export const EmailSettings = z.object({
  /** A product's page, `{productId}` standing for the product's id (`https://shop.example/products/{productId}`); null: price mails link to `storeUrl`. */
  productUrlPattern: LinkPattern('{productId}'),
  /** The store's home page, linked from every mail; null: the store's first allowed origin. */
  storeUrl: LinkPattern(null),
  /** The page with the shopper's card statement. */
  statementUrl: LinkPattern(null),
  /** The page where the shopper chats with the store; `{conversationId}` may name the conversation. */
  chatUrl: LinkPattern('{conversationId}'),
  /** The page with the shopper's points and rewards. */
  pointsUrl: LinkPattern(null),
  /** The page where the shopper sets what the store may send them (the `<crm-privacy>` element). */
  preferencesUrl: LinkPattern(null),
  /** Days before a lot of points expires that its reminder goes out. */
  pointsExpiryNoticeDays: z.int().check(z.minimum(1), z.maximum(90)),
  /** The store's colour: headings bar and buttons. Text on it is white or black, whichever reads better. */
  brandColor: HexColor,
});
export type EmailSettings = z.infer<typeof EmailSettings>;

export const getEmailSettings = defineEndpoint({
  id: 'getEmailSettings',
  method: 'GET',
  path: '/v1/email-settings',
  audience: 'secret',
  staff: ownersAndAdmins,
  tag: 'Email',
  summary: "How the store's mails look (its colour) and where their links go (product, statement, chat, points and preferences pages), and how early points reminders go out.",
  response: EmailSettings,
});

export const putEmailSettings = defineEndpoint({
  id: 'putEmailSettings',
  method: 'PUT',
  path: '/v1/email-settings',
  audience: 'secret',
  staff: ownersAndAdmins,
  tag: 'Email',
  summary: "Sets the store's mail colour, the links its mails carry and how many days before points expire their reminder goes out.",
  body: EmailSettings,
  response: EmailSettings,
});

export const EmailDelivery = z.object({
  id: z.string(),
  kind: EmailKind,
  customerId: z.string(),
  /** The address it went to; null until it is sent, or when the customer has none. */
  to: z.nullable(z.string()),
  subject: z.nullable(z.string()),
  status: EmailDeliveryStatus,
  /** Why it was skipped or failed: `no-consent`, `suppressed`, `no-address`, `erased`, `read`, or the SMTP server's answer. */
  reason: z.nullable(z.string()),
  attempts: z.int(),
  nextAttemptAt: z.nullable(IsoDateTime),
  createdAt: IsoDateTime,
  sentAt: z.nullable(IsoDateTime),
});
export type EmailDelivery = z.infer<typeof EmailDelivery>;

export const listEmailDeliveries = defineEndpoint({
  id: 'listEmailDeliveries',
  method: 'GET',
  path: '/v1/email-deliveries',
  audience: 'secret',
  staff: ownersAndAdmins,
  tag: 'Email',
  summary: 'The mails to the store\'s shoppers, newest first: what went out, what waits and what failed or was skipped, and why; filter by status and kind.',
  query: z.object({
    status: z.optional(EmailDeliveryStatus),
    kind: z.optional(EmailKind),
    limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
    after: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  }),
  response: z.object({ items: z.array(EmailDelivery), nextCursor: z.nullable(z.string()) }),
});
