import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { getSmtp, smtpQueryKey } from '../../api/settings.js';
import { LanguageSwitch } from '../../ui/language-switch.js';
import { PageHeader } from '../../ui/page-header.js';
import { QueryState } from '../../ui/query-state.js';
import { browserTimeZone } from '../jobs/schedule.js';
import { PasswordForm } from './password-form.js';
import { SmtpForm } from './smtp-form.js';

export default function SettingsPage() {
  const { t } = useTranslation();
  const smtp = useQuery({ queryKey: smtpQueryKey, queryFn: getSmtp });
  return (
    <>
      <PageHeader title={t('settings.title')} intro={t('settings.intro')} />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <QueryState query={smtp}>{(saved) => <SmtpForm saved={saved} />}</QueryState>
        <Stack>
          <Paper withBorder p="lg" radius="md">
            <Title order={2} size="h4" mb="sm">
              {t('settings.display.title')}
            </Title>
            <LanguageSwitch />
            <Text size="sm" c="dimmed" mt="sm">
              {t('settings.display.timezone', { timezone: browserTimeZone() })}
            </Text>
          </Paper>
          <PasswordForm />
        </Stack>
      </SimpleGrid>
    </>
  );
}
