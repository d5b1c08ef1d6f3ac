import type { WebhookFormat } from '@rahatback/protocol';
import { escapeHtml, truncate } from './notification.format.js';
import {
  type MessageContext,
  type NotificationEvent,
  type Outcome,
  type Summary,
  summarize,
} from './notification.summary.js';

export interface MailMessage {
  subject: string;
  text: string;
  html: string;
}

const COLOR: Record<Outcome, { hex: string; int: number }> = {
  success: { hex: '#1f883d', int: 0x1f883d },
  failure: { hex: '#cf222e', int: 0xcf222e },
  skipped: { hex: '#bf8700', int: 0xbf8700 },
};

function mailText(s: Summary): string {
  const lines = [s.title, '', ...s.facts.map((f) => `${f.label}: ${f.value}`)];
  if (s.cause !== undefined) lines.push('', `Cause: ${s.cause}`, `What to do: ${s.advice ?? ''}`);
  lines.push('', `Details: ${s.link}`, '', '— RahatBack');
  return lines.join('\n');
}

function mailHtml(s: Summary): string {
  const rows = s.facts
    .map(
      (f) => `<tr><th align="left">${escapeHtml(f.label)}</th><td>${escapeHtml(f.value)}</td></tr>`,
    )
    .join('');
  const failure =
    s.cause === undefined
      ? ''
      : `<p><strong>Cause:</strong> ${escapeHtml(s.cause)}</p>` +
        `<p><strong>What to do:</strong> ${escapeHtml(s.advice ?? '')}</p>`;
  return [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<h2 style="color:${COLOR[s.outcome].hex}">${escapeHtml(s.title)}</h2>`,
    `<table cellpadding="4">${rows}</table>`,
    failure,
    `<p><a href="${escapeHtml(s.link)}">Open this in RahatBack</a></p>`,
    '</body></html>',
  ].join('\n');
}

/** The notification mail: what happened, when, how big and long, and for a failure why and what to do. */
export function composeMail(event: NotificationEvent, ctx: MessageContext): MailMessage {
  const s = summarize(event, ctx);
  // A name with a line break must not be able to add a mail header.
  const subject = `[RahatBack] ${s.title}`.replace(/[\r\n\t]+/g, ' ');
  return { subject, text: mailText(s), html: mailHtml(s) };
}

/** The admin's "send test email": proves the SMTP settings work. */
export function composeTestMail(ctx: MessageContext): MailMessage {
  const text = `This is a test message from RahatBack at ${ctx.publicUrl}.\nYour mail settings work.`;
  const html = `<p>${escapeHtml(text).replace('\n', '<br>')}</p>`;
  return { subject: '[RahatBack] Test email', text, html };
}

/** Slack escapes only these three in mrkdwn text. */
const slackEscape = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function slackBody(s: Summary) {
  const facts = s.facts.slice(0, 10).map((f) => ({
    type: 'mrkdwn',
    text: truncate(`*${slackEscape(f.label)}*\n${slackEscape(f.value)}`, 2000),
  }));
  const blocks: unknown[] = [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(`*${slackEscape(s.title)}*`, 3000) },
    },
    { type: 'section', fields: facts },
  ];
  if (s.cause !== undefined)
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(
          `*Cause:* ${slackEscape(s.cause)}\n*What to do:* ${slackEscape(s.advice ?? '')}`,
          3000,
        ),
      },
    });
  blocks.push({
    type: 'actions',
    elements: [
      { type: 'button', text: { type: 'plain_text', text: 'Open in RahatBack' }, url: s.link },
    ],
  });
  return { text: `${slackEscape(s.title)} <${s.link}|details>`, blocks };
}

function discordBody(s: Summary) {
  const description =
    s.cause === undefined ? '' : `**Cause:** ${s.cause}\n**What to do:** ${s.advice ?? ''}`;
  return {
    content: truncate(s.title, 2000),
    // A job named "@everyone" must not ping a whole server.
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: truncate(s.title, 256),
        url: s.link,
        description: truncate(description, 4096),
        color: COLOR[s.outcome].int,
        timestamp: s.occurredAt,
        fields: s.facts.slice(0, 25).map((f) => ({
          name: truncate(f.label, 256),
          value: truncate(f.value || '—', 1024),
          inline: f.value.length <= 40,
        })),
      },
    ],
  };
}

function jsonBody(event: NotificationEvent, s: Summary) {
  const subject = event.type === 'backup' ? { run: event.run } : { restore: event.restore };
  return {
    event: s.event,
    outcome: s.outcome,
    title: s.title,
    occurredAt: s.occurredAt,
    url: s.link,
    cause: s.cause ?? null,
    advice: s.advice ?? null,
    ...subject,
  };
}

/** The body of a webhook POST in the receiver's format. */
export function composeWebhookBody(
  event: NotificationEvent,
  format: WebhookFormat,
  ctx: MessageContext,
): unknown {
  const s = summarize(event, ctx);
  switch (format) {
    case 'json':
      return jsonBody(event, s);
    case 'slack':
      return slackBody(s);
    case 'discord':
      return discordBody(s);
  }
}
