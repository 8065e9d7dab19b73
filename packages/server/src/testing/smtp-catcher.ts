import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A mail as an SMTP server received it: its headers (names in lower case), and its text and HTML parts decoded. */
export interface CaughtMail {
  headers: Map<string, string>;
  text: string;
  html: string;
  raw: string;
}

function decodePart(body: string, encoding: string | undefined): string {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

const splitHead = (text: string) => {
  const at = text.search(/\r?\n\r?\n/);
  return { head: text.slice(0, at), body: text.slice(text.indexOf('\n', at + 1) + 1).replace(/^\r?\n/, '') };
};

/** Reads what the server received: the top headers and the parts of a multipart/alternative body (or a single part). */
export function parseMail(raw: string): CaughtMail {
  const { head, body } = splitHead(raw);
  const headers = parseHeaders(head);
  const parts = { text: '', html: '' };
  const boundary = /boundary="?([^";]+)"?/.exec(headers.get('content-type') ?? '')?.[1];
  const pieces = boundary ? body.split(`--${boundary}`).slice(1, -1) : [raw];
  for (const piece of pieces) {
    const part = splitHead(piece.replace(/^\r?\n/, ''));
    const partHeaders = parseHeaders(part.head);
    const decoded = decodePart(part.body.replace(/\r?\n$/, ''), partHeaders.get('content-transfer-encoding')?.toLowerCase()).replace(/\r\n/g, '\n');
    if (partHeaders.get('content-type')?.startsWith('text/html')) parts.html = decoded;
    else if (partHeaders.get('content-type')?.startsWith('text/plain')) parts.text = decoded;
  }
  return { headers, ...parts, raw };
}

/**
 * A real SMTP server in the test process that keeps what it accepts.
 * `refuse` names recipients it answers 550 at RCPT TO (a hard bounce);
 * `acceptOnly` makes it go away, dropping every connection, when asked to
 * take a mail past that many: a server that dies mid-batch.
 */
export async function startSmtpCatcher(options: { port?: number; refuse?: (address: string) => boolean; acceptOnly?: number } = {}) {
  const caught: CaughtMail[] = [];
  let gone = false;
  const server: SMTPServer = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.refuse?.(address.address)) {
        callback(Object.assign(new Error('5.1.1 No such mailbox'), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (options.acceptOnly !== undefined && caught.length >= options.acceptOnly) {
          gone = true;
          // The server dies before it answers: the mail was never accepted.
          server.close();
          for (const connection of (server as unknown as { connections: Set<{ _socket: { destroy(): void } }> }).connections) connection._socket.destroy();
          return;
        }
        caught.push(parseMail(Buffer.concat(chunks).toString('utf8')));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    caught,
    get gone() {
      return gone;
    },
    close: () => (gone ? Promise.resolve() : new Promise<void>((resolve) => server.close(() => resolve()))),
  };
}
