import { Button, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { dashboardQueryKey, getDashboard } from '../api/dashboard.js';
import { useAgents } from '../features/agents/use-agents.js';
import { useDatabases } from '../features/databases/use-databases.js';
import { describeSchedule } from '../features/jobs/schedule.js';
import { useJobs } from '../features/jobs/use-jobs.js';
import { formatDateTime } from '../i18n/format.js';
import { PageHeader } from '../ui/page-header.js';
import { BackupTrendChart } from './dashboard-chart.js';
import { NeedsAttention, StorageUsed } from './dashboard-sections.js';
import { failingJobs, successRate, upcomingJobs } from './dashboard-summary.js';

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

function useDashboard() {
  // Live events refresh it; retention deletes copies after a run without an event of its
  // own, so the storage usage also catches up once a minute.
  return useQuery({ queryKey: dashboardQueryKey, queryFn: getDashboard, refetchInterval: 60_000 });
}

function UpcomingRuns({ jobs }: { jobs: Parameters<typeof upcomingJobs>[0] }) {
  const { t, i18n } = useTranslation();
  const upcoming = upcomingJobs(jobs, 5);
  return (
    <Paper withBorder p="lg" radius="md">
      <Title order={2} size="h4" mb="sm">
        {t('dashboard.upcomingTitle')}
      </Title>
      {upcoming.length === 0 && <Text c="dimmed">{t('dashboard.noUpcoming')}</Text>}
      <List spacing="xs">
        {upcoming.map((job) => (
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
  );
}

export default function DashboardPage() {
  const { t, i18n } = useTranslation();
  const agents = useAgents();
  const databases = useDatabases();
  const jobs = useJobs();
  const summary = useDashboard();
  const jobList = jobs.data ?? [];
  const rate = summary.data === undefined ? null : successRate(summary.data.runs);

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
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <NeedsAttention failing={failingJobs(jobList)} jobs={summary.data?.jobs} />
            <UpcomingRuns jobs={jobList} />
          </SimpleGrid>
          {summary.data !== undefined && <BackupTrendChart jobs={summary.data.jobs} />}
          {summary.data !== undefined && <StorageUsed storages={summary.data.storages} />}
        </Stack>
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
