import { Button, Group, List, Paper, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../ui/page-header.js';

/** A placeholder until issue 5 brings counts, charts and upcoming runs. */
export default function DashboardPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('dashboard.title')} intro={t('dashboard.intro')} />
      <Paper withBorder p="lg" radius="md" maw={640}>
        <Title order={2} size="h4" mb="sm">
          {t('dashboard.nextTitle')}
        </Title>
        <List type="ordered" spacing="xs" mb="md">
          <List.Item>{t('dashboard.stepAgent')}</List.Item>
          <List.Item>{t('dashboard.stepDatabase')}</List.Item>
        </List>
        <Group>
          <Button component={Link} to="/agents" variant="light">
            {t('dashboard.goAgents')}
          </Button>
          <Button component={Link} to="/databases">
            {t('dashboard.goDatabases')}
          </Button>
        </Group>
      </Paper>
    </>
  );
}
