import {
  type ChangePasswordBody,
  OkResponse,
  type SmtpSettings,
  SmtpSettingsView,
  type TestEmailBody,
  type TestWebhookBody,
} from '@rahatback/protocol';
import { z } from 'zod';
import { apiRequest } from './client.js';

export const smtpQueryKey = ['settings', 'smtp'] as const;

/** The mail settings, or null while none were saved. */
export async function getSmtp(): Promise<SmtpSettingsView | null> {
  return apiRequest('/settings/smtp', { schema: SmtpSettingsView.nullable() });
}

export async function putSmtp(body: SmtpSettings): Promise<SmtpSettingsView> {
  return apiRequest('/settings/smtp', { method: 'PUT', body, schema: SmtpSettingsView });
}

export async function sendTestEmail(body: TestEmailBody): Promise<{ detail: string }> {
  return apiRequest('/settings/smtp/test', {
    method: 'POST',
    body,
    schema: z.object({ detail: z.string() }),
  });
}

/** Posts a sample notification to a webhook; fails with the server's sentence when it cannot. */
export async function sendTestWebhook(body: TestWebhookBody): Promise<{ detail: string }> {
  return apiRequest('/settings/webhooks/test', {
    method: 'POST',
    body,
    schema: z.object({ detail: z.string() }),
  });
}

export async function changePassword(body: ChangePasswordBody): Promise<void> {
  await apiRequest('/auth/change-password', { method: 'POST', body, schema: OkResponse });
}
