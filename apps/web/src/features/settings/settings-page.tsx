import { SimpleGrid, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { getSmtp, smtpQueryKey } from '../../api/settings.js';
import { PageHeader } from '../../ui/page-header.js';
import { QueryState } from '../../ui/query-state.js';
import { DisplayPanel } from './display-panel.js';
import { PasswordForm } from './password-form.js';
import { SmtpForm } from './smtp-form.js';
import { WebhooksPanel } from './webhooks-panel.js';

export default function SettingsPage() {
  const { t } = useTranslation();
  const smtp = useQuery({ queryKey: smtpQueryKey, queryFn: getSmtp });
  return (
    <>
      <PageHeader title={t('settings.title')} intro={t('settings.intro')} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Stack>
          <QueryState query={smtp}>{(saved) => <SmtpForm saved={saved} />}</QueryState>
          <WebhooksPanel />
        </Stack>
        <Stack>
          <DisplayPanel />
          <PasswordForm />
        </Stack>
      </SimpleGrid>
    </>
  );
}
