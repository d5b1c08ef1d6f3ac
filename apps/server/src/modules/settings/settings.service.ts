import type {
  SmtpSettings,
  SmtpSettingsView,
  TestEmailBody,
  TestWebhookBody,
  User,
} from '@rahatback/protocol';
import { z } from 'zod';
import type { Sealer } from '../../crypto/sealer.js';
import { AppError } from '../../errors.js';
import { sendMail, type EmailOptions } from '../notifications/email.sender.js';
import { composeTestMail, composeWebhookBody } from '../notifications/notification.messages.js';
import { sampleBackupEvent } from '../notifications/notification.samples.js';
import { postWebhook, type WebhookOptions } from '../notifications/webhook.sender.js';
import type { SettingsRepository } from './settings.repository.js';

/** The stored form: the password sealed under the setting's identity, never in clear. */
const StoredSmtp = z.object({
  host: z.string(),
  port: z.number(),
  secure: z.boolean(),
  username: z.string().optional(),
  sealedPassword: z.string().optional(),
  from: z.string(),
  updatedAt: z.string(),
});
type StoredSmtp = z.infer<typeof StoredSmtp>;

const PASSWORD_IDENTITY = 'settings:smtp:password';

export interface SettingsServiceDeps {
  repo: SettingsRepository;
  sealer: Sealer;
  publicUrl: string;
  email?: EmailOptions;
  /** For the webhook test; it does not retry unless told to, so the user hears back at once. */
  webhook?: WebhookOptions;
  now?: () => Date;
}

const adminOnly = (user: User) => {
  if (!user.isAdmin)
    throw new AppError(
      'FORBIDDEN',
      'only the instance administrator can manage mail settings: ask them to change them',
    );
};

/**
 * SMTP settings managed by the instance admin (the notifier reads them unsealed), and the
 * test sends of mail and webhooks.
 */
export function createSettingsService({
  repo,
  sealer,
  publicUrl,
  email,
  webhook,
  now = () => new Date(),
}: SettingsServiceDeps) {
  async function stored(): Promise<StoredSmtp | undefined> {
    const json = await repo.readSmtp();
    return json === undefined ? undefined : StoredSmtp.parse(JSON.parse(json));
  }

  const viewOf = ({ sealedPassword, ...rest }: StoredSmtp): SmtpSettingsView => ({
    ...rest,
    hasPassword: sealedPassword !== undefined,
  });

  async function smtpSettings(): Promise<SmtpSettings | null> {
    const s = await stored();
    if (s === undefined) return null;
    return {
      host: s.host,
      port: s.port,
      secure: s.secure,
      from: s.from,
      ...(s.username !== undefined && { username: s.username }),
      ...(s.sealedPassword !== undefined && {
        password: sealer.unseal(s.sealedPassword, PASSWORD_IDENTITY),
      }),
    };
  }

  return {
    smtpSettings,

    /** The mail settings, or null while none were saved (not an error: a fresh install). */
    async getSmtp(user: User): Promise<SmtpSettingsView | null> {
      adminOnly(user);
      const s = await stored();
      return s === undefined ? null : viewOf(s);
    },

    async putSmtp(user: User, input: SmtpSettings): Promise<SmtpSettingsView> {
      adminOnly(user);
      const previous = await stored();
      // A missing password keeps the sealed one; an empty one removes it.
      const sealedPassword =
        input.password === undefined
          ? previous?.sealedPassword
          : input.password === ''
            ? undefined
            : sealer.seal(input.password, PASSWORD_IDENTITY);
      const next: StoredSmtp = {
        host: input.host,
        port: input.port,
        secure: input.secure,
        from: input.from,
        ...(input.username !== undefined && input.username !== '' && { username: input.username }),
        ...(sealedPassword !== undefined && { sealedPassword }),
        updatedAt: now().toISOString(),
      };
      await repo.writeSmtp(JSON.stringify(next));
      return viewOf(next);
    },

    async sendTest(user: User, body: TestEmailBody): Promise<{ ok: true; detail: string }> {
      adminOnly(user);
      const settings = await smtpSettings();
      if (settings === null)
        throw new AppError('INVALID_STATE', 'mail is not set up yet: save the SMTP settings first');
      const result = await sendMail(settings, [body.to], composeTestMail({ publicUrl }), email);
      if (!result.ok) throw new AppError('NOTIFICATION_FAILED', result.error.message);
      return { ok: true, detail: result.detail };
    },

    /**
     * Any signed-in user may test a webhook: each sets their own on their jobs. The sample goes
     * through the jobs' own sender, with its limits (http(s) only, no redirects, a timeout, the
     * answer's body never read nor returned, only the host named in errors).
     */
    async sendTestWebhook(body: TestWebhookBody): Promise<{ ok: true; detail: string }> {
      const sample = composeWebhookBody(sampleBackupEvent(), body.format, { publicUrl });
      const result = await postWebhook(body.url, sample, { retries: 0, ...webhook });
      if (!result.ok) throw new AppError('NOTIFICATION_FAILED', result.error.message);
      return { ok: true, detail: result.detail };
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
