import { Anchor, Group, Pagination, Stack, Title } from '@mantine/core';
import type { BackupRun } from '@rahatback/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../ui/empty-state.js';
import { PageHeader } from '../../ui/page-header.js';
import { QueryState } from '../../ui/query-state.js';
import { useDatabases } from '../databases/use-databases.js';
import { RestoreModal } from './restore-modal.js';
import { RestoresTable } from './restores-table.js';
import { RunDetailsDrawer } from './run-details-drawer.js';
import { RunsTable } from './runs-table.js';
import { HISTORY_PAGE_SIZE, useHistory, useRestores } from './use-history.js';

/** Every backup run, newest first, and below it every restore. */
export default function HistoryPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const history = useHistory(page);
  const restores = useRestores();
  const databases = useDatabases();
  const [details, setDetails] = useState<BackupRun | null>(null);
  const [restoring, setRestoring] = useState<BackupRun | null>(null);

  return (
    <>
      <PageHeader title={t('history.title')} intro={t('history.intro')} />
      <QueryState query={history}>
        {(result) =>
          result.items.length === 0 ? (
            <EmptyState
              title={t('history.emptyTitle')}
              action={
                <Anchor component={Link} to="/jobs">
                  {t('nav.jobs')}
                </Anchor>
              }
            >
              {t('history.emptyBody')}
            </EmptyState>
          ) : (
            <Stack>
              <RunsTable runs={result.items} onDetails={setDetails} onRestore={setRestoring} />
              {result.total > HISTORY_PAGE_SIZE && (
                <Group justify="center">
                  <Pagination
                    total={Math.ceil(result.total / HISTORY_PAGE_SIZE)}
                    value={page}
                    onChange={setPage}
                  />
                </Group>
              )}
            </Stack>
          )
        }
      </QueryState>
      <Title order={3} mt="xl" mb="sm">
        {t('restore.listTitle')}
      </Title>
      <QueryState query={databases}>
        {(databaseList) => (
          <>
            <QueryState query={restores}>
              {(items) =>
                items.length === 0 ? (
                  <EmptyState title={t('restore.emptyTitle')}>{t('restore.emptyBody')}</EmptyState>
                ) : (
                  <RestoresTable restores={items} databases={databaseList} />
                )
              }
            </QueryState>
            <RestoreModal
              run={restoring}
              databases={databaseList}
              onClose={() => setRestoring(null)}
            />
          </>
        )}
      </QueryState>
      <RunDetailsDrawer
        run={history.data?.items.find((run) => run.id === details?.id) ?? details}
        onClose={() => setDetails(null)}
      />
    </>
  );
}
