import {
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { WebhookFormat } from '@rahatback/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../../ui/field-errors.js';
import { useWebhookTest, WebhookTestOutcome } from '../settings/webhook-test.js';
import { type JobFormValues, MAX_WEBHOOKS, type WebhookRow } from './job-form-values.js';

interface Props {
  values: JobFormValues;
  onChange: (values: JobFormValues) => void;
  errors: FieldErrors;
}

/** When to notify, by email to whom, and to which webhooks (each can be tested at once). */
export function NotificationFields({ values, onChange, errors }: Props) {
  const { t } = useTranslation();
  const set = (patch: Partial<JobFormValues>) => onChange({ ...values, ...patch });
  const webhooks = values.webhooks;
  const isFull = webhooks.length >= MAX_WEBHOOKS;
  const setWebhook = (index: number, hook: WebhookRow | null) =>
    set({
      webhooks:
        hook === null
          ? webhooks.filter((_, i) => i !== index)
          : webhooks.map((existing, i) => (i === index ? hook : existing)),
    });

  return (
    <Stack gap="md">
      <Stack gap={6}>
        <Text size="sm" fw={500}>
          {t('jobs.form.notifyWhen')}
        </Text>
        <Group>
          <Checkbox
            label={t('jobs.form.onFailure')}
            checked={values.onFailure}
            onChange={(e) => set({ onFailure: e.currentTarget.checked })}
          />
          <Checkbox
            label={t('jobs.form.onSkipped')}
            checked={values.onSkipped}
            onChange={(e) => set({ onSkipped: e.currentTarget.checked })}
          />
          <Checkbox
            label={t('jobs.form.onSuccess')}
            checked={values.onSuccess}
            onChange={(e) => set({ onSuccess: e.currentTarget.checked })}
          />
        </Group>
      </Stack>
      <Switch
        label={t('jobs.form.email')}
        checked={values.isEmailEnabled}
        onChange={(e) => set({ isEmailEnabled: e.currentTarget.checked })}
      />
      {values.isEmailEnabled && (
        <TextInput
          label={t('jobs.form.emailRecipients')}
          description={t('jobs.form.emailRecipientsHint')}
          placeholder="ops@example.com, dba@example.com"
          value={values.emailTo}
          onChange={(e) => set({ emailTo: e.currentTarget.value })}
          error={errors.emailTo}
        />
      )}
      <Stack gap="xs">
        <Text size="sm" fw={500}>
          {t('jobs.form.webhooks')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('jobs.form.webhooksHint')}
        </Text>
        {webhooks.map((hook, index) => (
          <WebhookFields
            // Rows have no identity of their own; a row's test outcome is tied to its URL instead.
            key={index}
            n={index + 1}
            hook={hook}
            error={errors[`webhooks.${index}.url`]}
            onChange={(next) => setWebhook(index, next)}
          />
        ))}
        <Group>
          <Button
            variant="light"
            disabled={isFull}
            onClick={() => set({ webhooks: [...webhooks, { url: '', format: 'json' }] })}
          >
            {t('jobs.form.addWebhook')}
          </Button>
          {isFull && (
            <Text size="xs" c="dimmed">
              {t('jobs.form.webhooksLimit', { maximum: MAX_WEBHOOKS })}
            </Text>
          )}
        </Group>
        {errors.webhooks !== undefined && (
          <Text size="sm" c="red" role="alert">
            {errors.webhooks}
          </Text>
        )}
      </Stack>
    </Stack>
  );
}

interface RowProps {
  n: number;
  hook: WebhookRow;
  error: string | undefined;
  /** Null removes the row. */
  onChange: (hook: WebhookRow | null) => void;
}

function WebhookFields({ n, hook, error, onChange }: RowProps) {
  const { t } = useTranslation();
  const { test, send } = useWebhookTest();
  // The sentence of a URL refused before sending, kept with the URL it was about.
  const [refused, setRefused] = useState<{ url: string; message: string }>();
  const localError = refused?.url === hook.url ? refused.message : undefined;
  const sendTest = () => {
    const message = send(hook.url, hook.format);
    setRefused(message === undefined ? undefined : { url: hook.url, message });
  };

  return (
    <Stack gap={6}>
      <Group align="flex-start" gap="sm" wrap="wrap">
        <TextInput
          label={t('jobs.form.webhookUrl', { n })}
          placeholder="https://hooks.slack.com/services/…"
          value={hook.url}
          onChange={(e) => onChange({ ...hook, url: e.currentTarget.value })}
          error={error ?? localError}
          style={{ flex: '1 1 18rem' }}
        />
        <NativeSelect
          label={t('jobs.form.webhookFormat', { n })}
          value={hook.format}
          data={WebhookFormat.options.map((value) => ({
            value,
            label: t(`jobs.form.webhookFormats.${value}`),
          }))}
          onChange={(e) =>
            onChange({ ...hook, format: WebhookFormat.parse(e.currentTarget.value) })
          }
        />
        <Group gap="xs" mt={25}>
          <Button variant="default" onClick={sendTest} loading={test.isPending}>
            {t('settings.webhooks.sendTest')}
          </Button>
          <Button
            variant="subtle"
            color="red"
            aria-label={t('jobs.form.removeWebhook', { n })}
            onClick={() => onChange(null)}
          >
            {t('jobs.form.removeWebhookShort')}
          </Button>
        </Group>
      </Group>
      <WebhookTestOutcome test={test} url={hook.url} format={hook.format} />
    </Stack>
  );
}
