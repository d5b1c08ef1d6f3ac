import type { JobNotifications, SmtpSettings } from '@rahatback/protocol';
import type { DeliveryResult } from './delivery.js';
import { type EmailOptions, sendMail } from './email.sender.js';
import { composeMail, composeWebhookBody } from './notification.messages.js';
import {
  type MessageContext,
  type NotificationEvent,
  shouldNotify,
} from './notification.summary.js';
import { type WebhookOptions, postWebhook } from './webhook.sender.js';

/** One delivery attempt, as the run's history shows it. */
export interface ChannelResult {
  channel: 'email' | 'webhook';
  /** The recipients, or the webhook's host (its path may be a secret). */
  target: string;
  result: DeliveryResult;
}

export interface NotifierDeps {
  publicUrl: string;
  /** The admin's SMTP settings with the password unsealed; null = mail not configured. */
  smtpSettings(): Promise<SmtpSettings | null>;
  logger: { warn(fields: object, message: string): void };
  email?: EmailOptions;
  webhook?: WebhookOptions;
}

export interface NotifyRequest {
  settings: JobNotifications;
  event: NotificationEvent;
  /** Where mail goes when the job lists no address. */
  ownerEmail: string;
  timeZone?: string;
}

/** A bug in composing or sending must still end as a recorded failure, not a throw. */
async function safely(
  channel: ChannelResult['channel'],
  target: string,
  deliver: () => Promise<DeliveryResult>,
): Promise<ChannelResult> {
  try {
    return { channel, target, result: await deliver() };
  } catch (error) {
    const message = `The notification could not be prepared (${String(error)}).`;
    return {
      channel,
      target,
      result: { ok: false, attempts: 0, error: { code: 'UNKNOWN', message } },
    };
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'invalid URL';
  }
}

/**
 * Sends an event to every channel the job asks for, in parallel. Failures are returned and
 * logged, never thrown: a notification must not change the outcome of the run it reports.
 */
export function createNotifier(deps: NotifierDeps) {
  const notConfigured: DeliveryResult = {
    ok: false,
    attempts: 0,
    error: {
      code: 'NOTIFICATION_FAILED',
      message: 'Mail is not set up: an administrator can configure SMTP in Settings → Mail.',
    },
  };

  function viaEmail(req: NotifyRequest, ctx: MessageContext): Promise<ChannelResult> {
    const to = req.settings.email.to.length > 0 ? req.settings.email.to : [req.ownerEmail];
    return safely('email', to.join(', '), async () => {
      const smtp = await deps.smtpSettings();
      if (smtp === null) return notConfigured;
      return sendMail(smtp, to, composeMail(req.event, ctx), deps.email);
    });
  }

  async function notify(req: NotifyRequest): Promise<ChannelResult[]> {
    if (!shouldNotify(req.settings, req.event)) return [];
    const ctx: MessageContext = { publicUrl: deps.publicUrl, timeZone: req.timeZone };
    const deliveries = req.settings.webhooks.map((hook) =>
      safely('webhook', hostOf(hook.url), () =>
        postWebhook(hook.url, composeWebhookBody(req.event, hook.format, ctx), deps.webhook),
      ),
    );
    if (req.settings.email.enabled) deliveries.push(viaEmail(req, ctx));
    const results = await Promise.all(deliveries);
    for (const r of results)
      if (!r.result.ok)
        deps.logger.warn(
          { channel: r.channel, target: r.target, code: r.result.error.code },
          'notification failed',
        );
    return results;
  }

  return { notify };
}

export type Notifier = ReturnType<typeof createNotifier>;
