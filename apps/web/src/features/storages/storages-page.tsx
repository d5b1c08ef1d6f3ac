import { Anchor, Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../ui/empty-state.js';
import { PageHeader } from '../../ui/page-header.js';
import { QueryState } from '../../ui/query-state.js';
import { useAgents } from '../agents/use-agents.js';
import { StoragesTable } from './storages-table.js';
import { useStorages } from './use-storages.js';

export default function StoragesPage() {
  const { t } = useTranslation();
  const storages = useStorages();
  const agents = useAgents();
  const addButton = (
    <Button component={Link} to="/storages/new">
      {t('storages.add')}
    </Button>
  );
  return (
    <>
      <PageHeader title={t('storages.title')} intro={t('storages.intro')} action={addButton} />
      <QueryState query={agents}>
        {(agentList) => (
          <QueryState query={storages}>
            {(items) =>
              items.length > 0 ? (
                <StoragesTable storages={items} agents={agentList} />
              ) : agentList.length === 0 ? (
                <EmptyState
                  title={t('storages.emptyTitle')}
                  action={
                    <Anchor component={Link} to="/agents">
                      {t('dashboard.goAgents')}
                    </Anchor>
                  }
                >
                  {t('storages.needAgent')}
                </EmptyState>
              ) : (
                <EmptyState title={t('storages.emptyTitle')} action={addButton}>
                  {t('storages.emptyBody')}
                </EmptyState>
              )
            }
          </QueryState>
        )}
      </QueryState>
    </>
  );
}
