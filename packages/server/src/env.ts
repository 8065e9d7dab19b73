import path from 'node:path';
import * as z from 'zod/mini';

/** A whole number in a range, from the text an environment variable holds. */
const wholeNumber = (min: number, max: number) => z.pipe(z.coerce.number(), z.int().check(z.minimum(min), z.maximum(max)));

/** Levels of the server's log, quietest last. */
export const logLevels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

const Environment = z.object({
  PORT: z._default(wholeNumber(0, 65535), 8787),
  HOST: z._default(z.string().check(z.minLength(1)), '0.0.0.0'),
  /** Where the embedded PGlite keeps its files; ignored with DATABASE_URL. */
  DATA_DIR: z._default(z.string().check(z.minLength(1)), '.clientela'),
  /** A PostgreSQL URL; the embedded PGlite is used when it is not set. */
  DATABASE_URL: z.optional(z.union([z.url({ protocol: /^postgres(ql)?$/ }), z.pipe(z.literal(''), z.transform(() => undefined))])),
  DATABASE_POOL_SIZE: z._default(wholeNumber(1, 200), 10),
  /** Key that signs shopper and agent tokens (32+ characters); generated and kept in the database when not set. */
  TOKEN_SECRET: z.optional(z.string().check(z.minLength(32))),
  /** Whether webhook endpoints may be in loopback or private networks (a backend beside the server); refused by default. */
  WEBHOOKS_ALLOW_PRIVATE_NETWORKS: z._default(z.stringbool(), false),
  /** The least level the server logs (one JSON line each, on standard output); every request is a line at `info`. */
  LOG_LEVEL: z._default(z.enum(logLevels), 'info'),
  /** Where mail to shoppers is sent: `smtp://` or `smtps://user:pass@host:port`; without it, mail is kept in the development mailbox. */
  SMTP_URL: z.optional(z.union([z.url({ protocol: /^smtps?$/ }), z.pipe(z.literal(''), z.transform(() => undefined))])),
  /** The address mail comes from (the store's name shows as its sender); needed with SMTP_URL. */
  MAIL_FROM: z.optional(z.email()),
  /** Where shoppers reach this server (`https://crm.example`): the base of the unsubscribe links in mails; where it listens when not set. */
  PUBLIC_URL: z.optional(z.url({ protocol: /^https?$/ })),
}).check(
  z.refine((env) => !env.SMTP_URL || env.MAIL_FROM !== undefined, { message: 'Set MAIL_FROM, the address mail comes from, with SMTP_URL', path: ['MAIL_FROM'] }),
);

export type Environment = z.infer<typeof Environment>;

/** Reads the configuration once at start and stops with a clear message when it is wrong. */
export function readEnvironment(source: NodeJS.ProcessEnv = process.env): Environment {
  // zod/mini loads no messages of its own: a wrong setting is told in English, naming the limit it broke.
  const parsed = Environment.safeParse(source, { error: z.locales.en().localeError });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, DATA_DIR: path.resolve(parsed.data.DATA_DIR) };
}
