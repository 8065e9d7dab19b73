// A store's backend, reduced to what Clientela needs from it: it knows who is
// signed in (here, always the same customer), and turns that customer into a
// short-lived Clientela session with the secret key, which never leaves it.
import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';

const clientela = process.env.CLIENTELA_URL ?? 'http://localhost:8787';
const secretKey = process.env.CLIENTELA_SECRET_KEY;
const publishableKey = process.env.CLIENTELA_PUBLISHABLE_KEY;
const port = Number(process.env.PORT ?? 3000);
const signedInCustomer = process.env.CUSTOMER_ID ?? 'cliente-42';

if (!secretKey || !publishableKey) {
  console.error('Set CLIENTELA_SECRET_KEY and CLIENTELA_PUBLISHABLE_KEY (from `npx clientela merchant create`).');
  process.exit(1);
}

/** POST /v1/sessions: a token for this customer, valid for at most 15 minutes. */
async function mintSession(customerId) {
  const response = await fetch(`${clientela}/v1/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ customerId }),
  });
  if (!response.ok) throw new Error(`Clientela answered ${response.status}: ${await response.text()}`);
  return response.text(); // {"token":"…","expiresAt":"…"}
}

/**
 * POST /v1/payments: credits a payment to the customer's store card. Your
 * checkout charges the shopper first, through your own payment gateway; this
 * example has none and credits what the page asked for.
 */
async function creditCardPayment(customerId, body) {
  const { amount, currency } = JSON.parse(body);
  const response = await fetch(`${clientela}/v1/payments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id: `pago-${randomUUID()}`, customerId, amount, currency }),
  });
  return { status: response.status, body: await response.text() };
}

const readBody = async (request) => {
  let body = '';
  for await (const chunk of request) body += chunk;
  return body;
};

const template = await readFile(new URL('./page.html', import.meta.url), 'utf8');
const payScript = await readFile(new URL('./pay.js', import.meta.url), 'utf8');
const page = template
  .replaceAll('{{CLIENTELA_URL}}', clientela)
  .replaceAll('{{CLIENTELA_PUBLISHABLE_KEY}}', publishableKey);

createServer(async (request, response) => {
  try {
    if (request.url === '/clientela-session') {
      // The portal asks here at start and whenever its token expires.
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(await mintSession(signedInCustomer));
    } else if (request.url === '/card-payments' && request.method === 'POST') {
      // The page's statement asked to pay: charge the shopper, then credit the card.
      const credited = await creditCardPayment(signedInCustomer, await readBody(request));
      response.writeHead(credited.status, { 'content-type': 'application/json' });
      response.end(credited.body);
    } else if (request.url === '/pay.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      response.end(payScript);
    } else if (request.url === '/' || request.url === '/index.html') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(page);
    } else {
      response.writeHead(404).end();
    }
  } catch (error) {
    console.error(error);
    response.writeHead(502).end();
  }
}).listen(port, () => console.log(`The shop is listening on http://localhost:${port}`));
