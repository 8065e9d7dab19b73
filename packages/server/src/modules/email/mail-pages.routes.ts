import type { Hono } from 'hono';
import type { Kysely } from 'kysely';
import type { Clock } from '../../core/clock.ts';
import type { Merchant } from '../../core/merchant.ts';
import type { Database } from '../../db/schema.ts';
import { sameOriginHeaders } from '../../http/security-headers.ts';
import { unsubscribe } from './email.service.ts';
import type { UnsubscribeLinks } from './unsubscribe-links.ts';

/**
 * The pages run nothing and style themselves from one file of this server:
 * the unsubscribe page posts its form back here, the mailbox frames each
 * mail's HTML from here (a mail's own inline styles are allowed only in that
 * frame, which is sandboxed and runs no script).
 */
export const mailPagesContentSecurityPolicy = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self' data:",
  "frame-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** A mail's HTML, inside the mailbox's frame: as a mail client shows it, inline styles and remote images, no script. */
const mailFrameContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; sandbox; frame-ancestors 'self'";

const pageStyles = `body { margin: 0; font-family: system-ui, sans-serif; background: #f3f4f6; color: #111827; line-height: 1.5; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 1rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 0.5rem; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; padding: 0.5rem; border-bottom: 1px solid #d1d5db; vertical-align: top; }
a { color: #1d4ed8; }
button { font: inherit; padding: 0.6rem 1.2rem; border: 0; border-radius: 0.4rem; background: #0f5f5c; color: #fff; cursor: pointer; }
button:focus-visible, a:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
iframe { width: 100%; height: 44rem; border: 1px solid #d1d5db; background: #fff; }
pre { white-space: pre-wrap; background: #fff; padding: 1rem; border: 1px solid #d1d5db; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; background: #fff; padding: 1rem; margin: 0; }
dt { font-weight: 600; } dd { margin: 0; overflow-wrap: anywhere; }
`;

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function page(lang: string, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/mail/page.css">
</head>
<body><main>
${body}
</main></body>
</html>
`;
}

const unsubscribeWords = {
  es: {
    ask: (store: string) => `¿Dejar de recibir correos de promociones de ${store}?`,
    explain: 'Seguirás recibiendo los avisos sobre tu cuenta: estados de cuenta, respuestas del chat y códigos de canje.',
    confirm: 'Sí, no quiero más promociones',
    done: 'Listo: no te enviaremos más correos de promociones.',
    unknown: 'Este enlace no es válido.',
  },
  en: {
    ask: (store: string) => `Stop promotional email from ${store}?`,
    explain: 'You will still get notices about your account: statements, chat replies and redemption codes.',
    confirm: 'Yes, stop promotional email',
    done: 'Done: we will send you no more promotional email.',
    unknown: 'This link is not valid.',
  },
} as const;

export interface MailPagesDeps {
  db: Kysely<Database>;
  clock: Clock;
  unsubscribeLinks: UnsubscribeLinks;
  merchantById: (id: string) => Promise<Merchant | undefined>;
}

/**
 * Serves the unsubscribe link of every mail at /mail/unsubscribe/{token}:
 * GET asks to confirm (a link scanner that follows it changes nothing), and
 * POST unsubscribes: the form's button, or the mail client's one-click
 * request (RFC 8058), neither signed in. With `devMailbox`, also the
 * development mailbox at /dev/mail/: every mail kept instead of sent, its
 * headers, HTML and text.
 */
export function serveMailPages(app: Hono, deps: MailPagesDeps, options: { devMailbox: boolean }): void {
  const headers = { ...sameOriginHeaders, 'content-security-policy': mailPagesContentSecurityPolicy, 'cache-control': 'no-store' };
  app.get('/mail/page.css', (c) => c.body(pageStyles, 200, { ...headers, 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=300' }));

  const subscriberOf = async (token: string) => {
    const subscriber = deps.unsubscribeLinks.open(token);
    if (!subscriber) return undefined;
    const [merchant, customer] = await Promise.all([
      deps.merchantById(subscriber.merchantId),
      deps.db.selectFrom('customers').select('locale').where('merchantId', '=', subscriber.merchantId).where('id', '=', subscriber.customerId).executeTakeFirst(),
    ]);
    if (!merchant || !customer) return undefined;
    const lang = (customer.locale ?? merchant.locale) === 'en' ? 'en' : 'es';
    return { subscriber, merchant, lang, words: unsubscribeWords[lang] } as const;
  };
  const unknownLink = () => page('es', unsubscribeWords.es.unknown, `<h1>${unsubscribeWords.es.unknown}</h1><p lang="en">${unsubscribeWords.en.unknown}</p>`);

  app.get('/mail/unsubscribe/:token', async (c) => {
    const found = await subscriberOf(c.req.param('token'));
    if (!found) return c.html(unknownLink(), 404, headers);
    const { merchant, lang, words } = found;
    const title = words.ask(merchant.name);
    return c.html(page(lang, title, `<h1>${escapeHtml(title)}</h1><p>${words.explain}</p><form method="post"><button type="submit">${words.confirm}</button></form>`), 200, headers);
  });
  app.post('/mail/unsubscribe/:token', async (c) => {
    const found = await subscriberOf(c.req.param('token'));
    if (!found || !(await unsubscribe(deps, found.subscriber))) return c.html(unknownLink(), 404, headers);
    const { merchant, lang, words } = found;
    return c.html(page(lang, words.done, `<h1>${escapeHtml(merchant.name)}</h1><p role="status">${words.done}</p>`), 200, headers);
  });

  if (!options.devMailbox) return;
  app.get('/dev/mail', (c) => c.redirect('/dev/mail/', 301));
  app.get('/dev/mail/', async (c) => {
    const mails = await deps.db.selectFrom('devMailbox').select(['id', 'recipient', 'subject', 'createdAt', 'headers']).orderBy('id', 'desc').limit(200).execute();
    const rows = mails
      .map(
        (mail) =>
          `<tr><td><a href="/dev/mail/${mail.id}">${escapeHtml(mail.subject)}</a></td><td>${escapeHtml(mail.recipient)}</td><td>${escapeHtml(mail.headers['X-Clientela-Kind'] ?? '')}</td><td><time datetime="${mail.createdAt.toISOString()}">${mail.createdAt.toISOString().slice(0, 16).replace('T', ' ')}</time></td></tr>`,
      )
      .join('\n');
    const list = mails.length
      ? `<table><caption>The latest ${mails.length} mails, newest first</caption><thead><tr><th scope="col">Subject</th><th scope="col">To</th><th scope="col">Kind</th><th scope="col">Sent (UTC)</th></tr></thead><tbody>${rows}</tbody></table>`
      : '<p>No mail yet.</p>';
    return c.html(page('en', 'Development mailbox', `<h1>Development mailbox</h1><p>Without SMTP_URL, mail is kept here instead of sent.</p>${list}`), 200, headers);
  });
  const mailById = (id: string) =>
    /^[0-9]{1,15}$/.test(id) ? deps.db.selectFrom('devMailbox').selectAll().where('id', '=', Number(id)).executeTakeFirst() : Promise.resolve(undefined);
  app.get('/dev/mail/:id', async (c) => {
    const mail = await mailById(c.req.param('id'));
    if (!mail) return c.html(page('en', 'No such mail', '<h1>No such mail</h1><p><a href="/dev/mail/">Back to the mailbox</a></p>'), 404, headers);
    const fields: Array<[string, string]> = [['From', mail.sender], ['To', mail.recipient], ['Subject', mail.subject], ...Object.entries(mail.headers)];
    const list = fields.map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(value)}</dd>`).join('');
    const body = `<p><a href="/dev/mail/">Back to the mailbox</a></p><h1>${escapeHtml(mail.subject)}</h1><h2>Headers</h2><dl>${list}</dl>
<h2>HTML part</h2><iframe title="The mail's HTML part" sandbox src="/dev/mail/${mail.id}/html"></iframe>
<h2>Text part</h2><pre>${escapeHtml(mail.text)}</pre>`;
    return c.html(page('en', mail.subject, body), 200, headers);
  });
  app.get('/dev/mail/:id/html', async (c) => {
    const mail = await mailById(c.req.param('id'));
    if (!mail) return c.html(page('en', 'No such mail', '<h1>No such mail</h1>'), 404, headers);
    return c.html(mail.html, 200, { ...sameOriginHeaders, 'content-security-policy': mailFrameContentSecurityPolicy, 'cache-control': 'no-store', 'x-frame-options': 'SAMEORIGIN' });
  });
}
