import { Anchor, Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../ui/empty-state.js';
import { PageHeader } from '../../ui/page-header.js';
import { QueryState } from '../../ui/query-state.js';
import { useAgents } from '../agents/use-agents.js';
import { useJobs } from '../jobs/use-jobs.js';
import { DatabasesTable } from './databases-table.js';
import { useDatabases } from './use-databases.js';

export default function DatabasesPage() {
  const { t } = useTranslation();
  const databases = useDatabases();
  const agents = useAgents();
  const jobs = useJobs();
  const addButton = (
    <Button component={Link} to="/databases/new">
      {t('databases.add')}
    </Button>
  );

  return (
    <>
      <PageHeader title={t('databases.title')} intro={t('databases.intro')} action={addButton} />
      <QueryState query={agents}>
        {(agentList) => (
          <QueryState query={databases}>
            {(items) =>
              items.length > 0 ? (
                <QueryState query={jobs}>
                  {(jobList) => (
                    <DatabasesTable databases={items} agents={agentList} jobs={jobList} />
                  )}
                </QueryState>
              ) : agentList.length === 0 ? (
                <EmptyState
                  title={t('databases.emptyTitle')}
                  action={
                    <Anchor component={Link} to="/agents">
                      {t('dashboard.goAgents')}
                    </Anchor>
                  }
                >
                  {t('databases.needAgent')}
                </EmptyState>
              ) : (
                <EmptyState title={t('databases.emptyTitle')} action={addButton}>
                  {t('databases.emptyBody')}
                </EmptyState>
              )
            }
          </QueryState>
        )}
      </QueryState>
    </>
  );
}
