import {
  Anchor,
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { WebhookFormat } from '@rahatback/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useWebhookTest, WebhookTestOutcome } from './webhook-test.js';

/** Webhooks live on each job; this panel says so and tests any address with a sample. */
export function WebhooksPanel() {
  const { t } = useTranslation();
  const { test, send } = useWebhookTest();
  const [url, setUrl] = useState('');
  const [format, setFormat] = useState<WebhookFormat>('json');
  const [error, setError] = useState<string>();

  return (
    <Paper withBorder p="lg" radius="md">
      <Title order={2} size="h4" mb="sm">
        {t('settings.webhooks.title')}
      </Title>
      <Stack>
        <Text size="sm">
          {t('settings.webhooks.intro')}{' '}
          <Anchor component={Link} to="/jobs">
            {t('settings.webhooks.toJobs')}
          </Anchor>
        </Text>
        <Group align="flex-start" gap="sm">
          <TextInput
            label={t('settings.webhooks.url')}
            placeholder="https://hooks.slack.com/services/…"
            value={url}
            onChange={(e) => {
              setUrl(e.currentTarget.value);
              setError(undefined);
            }}
            error={error}
            style={{ flex: '1 1 16rem' }}
          />
          <NativeSelect
            label={t('settings.webhooks.format')}
            value={format}
            data={WebhookFormat.options.map((value) => ({
              value,
              label: t(`jobs.form.webhookFormats.${value}`),
            }))}
            onChange={(e) => setFormat(WebhookFormat.parse(e.currentTarget.value))}
          />
        </Group>
        <Group justify="flex-end">
          <Button
            variant="light"
            loading={test.isPending}
            onClick={() => setError(send(url, format))}
          >
            {t('settings.webhooks.sendTest')}
          </Button>
        </Group>
        <WebhookTestOutcome test={test} url={url} format={format} />
      </Stack>
    </Paper>
  );
}
