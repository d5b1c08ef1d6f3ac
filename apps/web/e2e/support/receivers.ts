import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the mail server received it. */
export interface ReceivedMail {
  /** The envelope's recipients (RCPT TO), as the sender addressed them. */
  to: string[];
  /** The Subject header, unfolded. */
  subject: string;
  /** The whole message with quoted-printable undone, to search for a sentence. */
  text: string;
}

/** A real SMTP server on 127.0.0.1 that accepts one user and keeps every message. */
export interface SmtpReceiver {
  port: number;
  username: string;
  password: string;
  messages: ReceivedMail[];
  stop: () => Promise<void>;
}

/** Quoted-printable back to UTF-8 text: soft line breaks joined, `=XX` bytes decoded. */
function decodeQuotedPrintable(raw: string): string {
  const latin1 = raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(latin1, 'latin1').toString('utf8');
}

function subjectOf(raw: string): string {
  const headers = raw.split(/\r?\n\r?\n/, 1)[0] ?? '';
  const unfolded = headers.replace(/\r?\n[ \t]+/g, ' ');
  return /^Subject: (.*)$/im.exec(unfolded)?.[1]?.trim() ?? '';
}

export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const username = 'mailer';
  const password = 'smtp-receiver-password';
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authMethods: ['PLAIN', 'LOGIN'],
    // Plain SMTP on 127.0.0.1: the settings form's "TLS from the first byte" stays off.
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === username && auth.password === password)
        callback(null, { user: username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        messages.push({
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          subject: subjectOf(raw),
          text: decodeQuotedPrintable(raw),
        });
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    username,
    password,
    messages,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** One POST as the webhook receiver got it. */
export interface ReceivedPost {
  path: string;
  contentType: string | undefined;
  body: unknown;
}

/** A real HTTP receiver on 127.0.0.1 that answers 204 to every POST and keeps its JSON body. */
export interface WebhookReceiver {
  url: (path: string) => string;
  posts: ReceivedPost[];
  stop: () => Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const posts: ReceivedPost[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method === 'POST') {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
        posts.push({
          path: request.url ?? '',
          contentType: request.headers['content-type'],
          body,
        });
      }
      response.writeHead(request.method === 'POST' ? 204 : 405).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    posts,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
