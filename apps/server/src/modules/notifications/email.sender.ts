import type { SmtpSettings } from '@rahatback/protocol';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { type DeliveryResult, failure } from './delivery.js';
import type { MailMessage } from './notification.messages.js';

export interface EmailOptions {
  /** Bounds the whole delivery: connect, TLS, auth and data. */
  timeoutMs?: number;
  /** Extra trust for a mail server with a private certificate authority (PEM). */
  ca?: string;
}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
}

type Describe = (at: string, message: string) => DeliveryResult;

const FAILURES: Record<string, Describe> = {
  EAUTH: (at) =>
    failure(
      'AUTH_FAILED',
      `The mail server at ${at} refused the username or password: check them in the mail settings.`,
    ),
  ETIMEDOUT: (at) =>
    failure(
      'TIMED_OUT',
      `The mail server at ${at} did not answer in time: check the host and port.`,
    ),
  ECONNECTION: (at, message) =>
    failure(
      'HOST_UNREACHABLE',
      `Could not reach the mail server at ${at} (${message}): check the host and port.`,
    ),
  ETLS: (at, message) =>
    failure(
      'TLS_REQUIRED',
      `The TLS handshake with ${at} failed (${message}): use "secure" for port 465 and STARTTLS (not secure) for 587.`,
    ),
  ECERT: (at, message) =>
    failure(
      'NOTIFICATION_FAILED',
      `The mail server at ${at} presented a certificate that is not trusted (${message}): give it a certificate from a public authority, or trust its authority on the server.`,
    ),
  EENVELOPE: (at, message) =>
    failure(
      'NOTIFICATION_FAILED',
      `The mail server at ${at} refused the sender or a recipient (${message}): check the addresses.`,
    ),
};

/** nodemailer reports refused connections and certificate problems alike as ESOCKET. */
function classify(error: SmtpError): string {
  const code = error.code ?? '';
  if (code === 'EDNS') return 'ECONNECTION';
  if (code !== 'ESOCKET') return code;
  if (/ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ECONNRESET/.test(error.message)) return 'ECONNECTION';
  if (/certificate|self[- ]signed|unable to verify/i.test(error.message)) return 'ECERT';
  if (/wrong version number|ssl|tls/i.test(error.message)) return 'ETLS';
  return code;
}

function describeFailure(error: SmtpError, settings: SmtpSettings): DeliveryResult {
  const at = `${settings.host}:${settings.port}`;
  const describe = FAILURES[classify(error)];
  if (describe !== undefined) return describe(at, error.message);
  return failure(
    'NOTIFICATION_FAILED',
    `Sending mail through ${at} failed (${error.message}): check the mail settings.`,
  );
}

function transportOptions(settings: SmtpSettings, options: EmailOptions): SMTPTransport.Options {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const hasAuth = settings.username !== undefined && settings.username !== '';
  return {
    host: settings.host,
    port: settings.port,
    // secure = TLS from the first byte; otherwise STARTTLS whenever the server offers it.
    secure: settings.secure,
    auth: hasAuth ? { user: settings.username, pass: settings.password ?? '' } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    tls: options.ca === undefined ? undefined : { ca: options.ca },
    // Never log the conversation: it carries the credentials.
    logger: false,
    debug: false,
  };
}

/**
 * Sends one mail with the admin's SMTP settings (password already unsealed). A hung server
 * cannot hold the caller longer than the timeout.
 */
export async function sendMail(
  settings: SmtpSettings,
  to: readonly string[],
  mail: MailMessage,
  options: EmailOptions = {},
): Promise<DeliveryResult> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const transport = nodemailer.createTransport(transportOptions(settings, options));
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<DeliveryResult>((resolve) => {
    timer = setTimeout(() => {
      resolve(
        describeFailure(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' }), settings),
      );
    }, timeoutMs);
  });
  const delivery = transport
    .sendMail({
      from: settings.from,
      to: [...to],
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
    })
    .then(
      (info): DeliveryResult => ({ ok: true, attempts: 1, detail: info.response }),
      (error: SmtpError) => describeFailure(error, settings),
    );
  try {
    return await Promise.race([delivery, timeout]);
  } finally {
    clearTimeout(timer);
    transport.close();
  }
}
