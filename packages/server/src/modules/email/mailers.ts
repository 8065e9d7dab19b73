import type { Kysely } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Database } from '../../db/schema.ts';

/** A mail ready to leave: addresses, both parts, and the headers it carries besides the usual ones. */
export interface OutgoingMail {
  merchantId: string;
  deliveryId: string;
  from: { name: string; address: string };
  to: string;
  subject: string;
  html: string;
  text: string;
  /** The same on every attempt, so a client that got a mail twice shows it once. */
  messageId: string;
  headers: Record<string, string>;
  at: Date;
}

/** Where mail goes: an SMTP server, or the development mailbox. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** The SMTP server's refusal of the recipient for good (a 5xx to RCPT TO): the address goes on the suppression list. */
export function isHardBounce(error: unknown): boolean {
  const { responseCode, command } = (error ?? {}) as { responseCode?: number; command?: string };
  return typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600 && typeof command === 'string' && command.startsWith('RCPT');
}

/** Whether the SMTP server answered at all: without an answer, the rest of a batch would only wait on it too. */
export function isUnreachable(error: unknown): boolean {
  return typeof (error as { responseCode?: unknown } | null)?.responseCode !== 'number';
}

/**
 * Sends over SMTP (`smtp://` or `smtps://user:pass@host:port`) through
 * nodemailer, a connection per mail with short timeouts, so a server that
 * stops answering fails a mail in seconds instead of holding the sender.
 */
export class SmtpMailer implements Mailer {
  readonly #transport: Transporter;

  constructor(url: string, options: { timeoutMs?: number } = {}) {
    const timeout = options.timeoutMs ?? 15_000;
    const address = new URL(url);
    this.#transport = nodemailer.createTransport({
      host: address.hostname,
      port: Number(address.port) || (address.protocol === 'smtps:' ? 465 : 587),
      secure: address.protocol === 'smtps:',
      ...(address.username ? { auth: { user: decodeURIComponent(address.username), pass: decodeURIComponent(address.password) } } : {}),
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout * 2,
    });
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.#transport.sendMail({
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      messageId: mail.messageId,
      date: mail.at,
      headers: mail.headers,
    });
  }

  close(): void {
    this.#transport.close();
  }
}

/**
 * The development mailbox: without SMTP_URL, mail is kept in the database
 * instead of sent, and shown at /dev/mail/ in demo mode.
 */
export class DevMailbox implements Mailer {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.#db
      .insertInto('devMailbox')
      .values({
        merchantId: mail.merchantId,
        deliveryId: mail.deliveryId,
        sender: `${mail.from.name} <${mail.from.address}>`,
        recipient: mail.to,
        subject: mail.subject,
        headers: JSON.stringify({ 'Message-ID': mail.messageId, ...mail.headers }),
        html: mail.html,
        text: mail.text,
        createdAt: mail.at,
      })
      .execute();
  }

  close(): void {}
}
