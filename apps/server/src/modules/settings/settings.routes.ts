import {
  SmtpSettings,
  SmtpSettingsView,
  TestEmailBody,
  TestWebhookBody,
} from '@rahatback/protocol';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Container } from '../../container.js';
import { callerOf } from '../../plugins/auth-guard.js';
import { followUpsOf } from '../history/follow-ups.js';

const tags = ['settings'];
const TestSent = z.object({ ok: z.literal(true), detail: z.string() });

export function register(app: FastifyInstance, container: Container): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { settings } = followUpsOf(app, container);
  const { guard } = container;

  r.get(
    '/api/v1/settings/smtp',
    { preHandler: guard, schema: { tags, response: { 200: SmtpSettingsView.nullable() } } },
    (request) => settings.getSmtp(callerOf(request).user),
  );

  r.put(
    '/api/v1/settings/smtp',
    {
      preHandler: guard,
      schema: { tags, body: SmtpSettings, response: { 200: SmtpSettingsView } },
    },
    (request) => settings.putSmtp(callerOf(request).user, request.body),
  );

  r.post(
    '/api/v1/settings/smtp/test',
    { preHandler: guard, schema: { tags, body: TestEmailBody, response: { 200: TestSent } } },
    (request) => settings.sendTest(callerOf(request).user, request.body),
  );

  r.post(
    '/api/v1/settings/webhooks/test',
    { preHandler: guard, schema: { tags, body: TestWebhookBody, response: { 200: TestSent } } },
    (request) => settings.sendTestWebhook(request.body),
  );
}
