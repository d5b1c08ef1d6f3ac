import { Anchor, Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../ui/empty-state.js';
import { PageHeader } from '../../ui/page-header.js';
import { QueryState } from '../../ui/query-state.js';
import { useDatabases } from '../databases/use-databases.js';
import { useStorages } from '../storages/use-storages.js';
import { JobsTable } from './jobs-table.js';
import { useJobs } from './use-jobs.js';

export default function JobsPage() {
  const { t } = useTranslation();
  const jobs = useJobs();
  const databases = useDatabases();
  const storages = useStorages();
  const addButton = (
    <Button component={Link} to="/jobs/new">
      {t('jobs.add')}
    </Button>
  );
  return (
    <>
      <PageHeader title={t('jobs.title')} intro={t('jobs.intro')} action={addButton} />
      <QueryState query={databases}>
        {(databaseList) => (
          <QueryState query={storages}>
            {(storageList) => (
              <QueryState query={jobs}>
                {(items) =>
                  items.length > 0 ? (
                    <JobsTable jobs={items} databases={databaseList} />
                  ) : databaseList.length === 0 || storageList.length === 0 ? (
                    <EmptyState
                      title={t('jobs.emptyTitle')}
                      action={
                        <Anchor
                          component={Link}
                          to={databaseList.length === 0 ? '/databases/new' : '/storages/new'}
                        >
                          {databaseList.length === 0 ? t('databases.add') : t('storages.add')}
                        </Anchor>
                      }
                    >
                      {t('jobs.needDatabaseAndStorage')}
                    </EmptyState>
                  ) : (
                    <EmptyState title={t('jobs.emptyTitle')} action={addButton}>
                      {t('jobs.emptyBody')}
                    </EmptyState>
                  )
                }
              </QueryState>
            )}
          </QueryState>
        )}
      </QueryState>
    </>
  );
}
