import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/empty-state.js';
import { PageHeader } from '../../ui/page-header.js';
import { QueryState } from '../../ui/query-state.js';
import { useDatabases } from '../databases/use-databases.js';
import { AddAgentModal } from './add-agent-modal.js';
import { AgentsTable } from './agents-table.js';
import { useAgents } from './use-agents.js';

export default function AgentsPage() {
  const { t } = useTranslation();
  const agents = useAgents();
  // Only for the missing-tool warnings: the list shows without them while databases load.
  const databases = useDatabases();
  const [isAdding, { open, close }] = useDisclosure(false);
  const addButton = <Button onClick={open}>{t('agents.add')}</Button>;

  return (
    <>
      <PageHeader title={t('agents.title')} intro={t('agents.intro')} action={addButton} />
      <QueryState query={agents}>
        {(items) =>
          items.length === 0 ? (
            <EmptyState title={t('agents.emptyTitle')} action={addButton}>
              {t('agents.emptyBody')}
            </EmptyState>
          ) : (
            <AgentsTable agents={items} databases={databases.data ?? []} />
          )
        }
      </QueryState>
      <AddAgentModal opened={isAdding} onClose={close} />
    </>
  );
}
