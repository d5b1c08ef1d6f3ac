import { Anchor, Button, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { historyQueryKey, listHistory } from '../api/history.js';
import { useAgents } from '../features/agents/use-agents.js';
import { useDatabases } from '../features/databases/use-databases.js';
import { describeSchedule } from '../features/jobs/schedule.js';
import { useJobs } from '../features/jobs/use-jobs.js';
import { formatDateTime } from '../i18n/format.js';
import { PageHeader } from '../ui/page-header.js';
import { DAY_MS, failingJobs, successRate, upcomingJobs } from './dashboard-summary.js';

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={`stat-${label}`}>
        {value}
      </Text>
    </Paper>
  );
}

function useRecentRuns() {
  // Rounded to the hour so that the query key stays stable across renders.
  const from = new Date(Math.floor((Date.now() - 30 * DAY_MS) / 3_600_000) * 3_600_000);
  return useQuery({
    queryKey: [...historyQueryKey, 'last-30-days', from.toISOString()],
    queryFn: () => listHistory({ from: from.toISOString(), pageSize: 200 }),
  });
}

export default function DashboardPage() {
  const { t, i18n } = useTranslation();
  const agents = useAgents();
  const databases = useDatabases();
  const jobs = useJobs();
  const runs = useRecentRuns();
  const jobList = jobs.data ?? [];
  const rate = successRate(runs.data?.items ?? []);
  const failing = failingJobs(jobList);

  return (
    <>
      <PageHeader title={t('dashboard.title')} intro={t('dashboard.intro')} />
      <SimpleGrid cols={{ base: 2, sm: 4 }} mb="lg">
        <Stat label={t('dashboard.databases')} value={String(databases.data?.length ?? '—')} />
        <Stat label={t('dashboard.jobs')} value={String(jobs.data?.length ?? '—')} />
        <Stat
          label={t('dashboard.agentsOnline')}
          value={
            agents.data
              ? `${agents.data.filter((agent) => agent.online).length} / ${agents.data.length}`
              : '—'
          }
        />
        <Stat
          label={t('dashboard.successRate')}
          value={
            rate === null
              ? '—'
              : new Intl.NumberFormat(i18n.language, { style: 'percent' }).format(rate)
          }
        />
      </SimpleGrid>
      {jobs.isSuccess && jobList.length === 0 ? (
        <GettingStarted />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Paper withBorder p="lg" radius="md">
            <Title order={2} size="h4" mb="sm">
              {t('dashboard.failingTitle')}
            </Title>
            {failing.length === 0 ? (
              <Text c="dimmed">{t('dashboard.noFailing')}</Text>
            ) : (
              <Stack gap="xs">
                {failing.map((job) => (
                  <div key={job.id}>
                    <Anchor component={Link} to="/history" fw={500}>
                      {job.name}
                    </Anchor>
                    <Text size="sm" c="red">
                      {job.lastRun?.error?.message ??
                        t(`runs.status.${job.lastRun?.status ?? 'failed'}`)}
                    </Text>
                  </div>
                ))}
              </Stack>
            )}
          </Paper>
          <Paper withBorder p="lg" radius="md">
            <Title order={2} size="h4" mb="sm">
              {t('dashboard.upcomingTitle')}
            </Title>
            <List spacing="xs">
              {upcomingJobs(jobList, 5).map((job) => (
                <List.Item key={job.id}>
                  <Text fw={500}>{job.name}</Text>
                  <Text size="sm" c="dimmed">
                    {formatDateTime(job.nextRunAt ?? '', i18n.language)} ·{' '}
                    {describeSchedule(job.schedule, t, i18n.language)}
                  </Text>
                </List.Item>
              ))}
            </List>
          </Paper>
        </SimpleGrid>
      )}
    </>
  );
}

function GettingStarted() {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="lg" radius="md" maw={640}>
      <Title order={2} size="h4" mb="sm">
        {t('dashboard.nextTitle')}
      </Title>
      <List type="ordered" spacing="xs" mb="md">
        <List.Item>{t('dashboard.stepAgent')}</List.Item>
        <List.Item>{t('dashboard.stepDatabase')}</List.Item>
        <List.Item>{t('dashboard.stepJob')}</List.Item>
      </List>
      <Group>
        <Button component={Link} to="/agents" variant="light">
          {t('dashboard.goAgents')}
        </Button>
        <Button component={Link} to="/databases">
          {t('dashboard.goDatabases')}
        </Button>
        <Button component={Link} to="/jobs/new" variant="light">
          {t('jobs.add')}
        </Button>
      </Group>
    </Paper>
  );
}
