import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Agent, BackupJob, Database } from '@rahatback/protocol';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmButton } from '../../ui/confirm-button.js';
import { useErrorMessage } from '../../ui/error-message.js';
import { usePagedList } from '../../ui/list-pagination.js';
import { RowNote } from '../../ui/row-note.js';
import { agentName } from '../agents/agent-name.js';
import { AgentStatusBadge } from '../agents/agent-status-badge.js';
import { databaseToolGaps } from '../agents/missing-tools.js';
import { ToolWarningBadge, ToolWarnings } from '../agents/tool-warnings.js';
import { DatabaseBackupNow } from './backup-now.js';
import { LastBackup } from './last-backup.js';
import { TestConnectionResultAlert } from './test-connection-result.js';
import { useDeleteDatabase, useTestConnection } from './use-databases.js';

const COLUMNS = 6;

function location(database: Database): string {
  return database.engine === 'sqlite'
    ? database.database
    : `${database.host}:${database.port ?? ''}/${database.database}`;
}

interface RowProps {
  database: Database;
  agent: Agent | undefined;
  jobs: readonly BackupJob[];
}

function DatabaseRow({ database, agent, jobs }: RowProps) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const remove = useDeleteDatabase();
  const test = useTestConnection();
  const onDelete = () =>
    remove.mutateAsync(database.id).then(
      () => notifications.show({ color: 'green', message: t('databases.deleted', database) }),
      (error: unknown) => notifications.show({ color: 'red', message: errorMessage(error) }),
    );
  // Once a test has named the server's version, a pg_dump too old for it is warned of too.
  const serverVersion = test.data?.ok === true ? test.data.serverVersion : undefined;
  const gaps = agent ? databaseToolGaps(agent, database, serverVersion) : [];
  const warningsId = `database-tool-warnings-${database.id}`;

  return (
    <>
      <Table.Tr>
        <Table.Td fw={500}>{database.name}</Table.Td>
        <Table.Td>
          <Badge variant="light" tt="none" styles={{ label: { overflow: 'visible' } }}>
            {t(`databases.engines.${database.engine}`)}
          </Badge>
        </Table.Td>
        <Table.Td>
          <Text size="sm" ff="monospace">
            {location(database)}
          </Text>
        </Table.Td>
        <Table.Td>
          {agent ? (
            <Group gap="xs">
              {agentName(agent, t)} <AgentStatusBadge online={agent.online} />
              {gaps.length > 0 && <ToolWarningBadge describedBy={warningsId} />}
            </Group>
          ) : (
            t('databases.unknownAgent')
          )}
        </Table.Td>
        <Table.Td>
          <LastBackup run={database.lastBackup} />
        </Table.Td>
        <Table.Td>
          {/* Five actions in one line would push Edit and Delete out of a laptop's view. */}
          <Group gap={4} maw={320}>
            <DatabaseBackupNow database={database} jobs={jobs} />
            <Button
              size="xs"
              variant="subtle"
              loading={test.isPending}
              onClick={() => test.mutate({ id: database.id })}
            >
              {t('databases.test')}
            </Button>
            <Button
              size="xs"
              variant="subtle"
              component={Link}
              to={`/jobs/new?databaseId=${encodeURIComponent(database.id)}`}
            >
              {t('databases.createJob')}
            </Button>
            <Button size="xs" variant="subtle" component={Link} to={`/databases/${database.id}`}>
              {t('common.edit')}
            </Button>
            <ConfirmButton
              label={t('common.delete')}
              title={t('databases.deleteTitle', database)}
              body={t('databases.deleteBody')}
              confirmLabel={t('databases.deleteConfirm')}
              onConfirm={onDelete}
            />
          </Group>
        </Table.Td>
      </Table.Tr>
      {agent && gaps.length > 0 && (
        <RowNote colSpan={COLUMNS}>
          <ToolWarnings id={warningsId} agent={agent} warnings={[{ database, gaps }]} />
        </RowNote>
      )}
      {(test.data ?? test.error) && (
        <RowNote colSpan={COLUMNS}>
          <TestConnectionResultAlert
            engine={database.engine}
            result={test.data}
            error={test.error}
          />
        </RowNote>
      )}
    </>
  );
}

export function DatabasesTable({
  databases,
  agents,
  jobs,
}: {
  databases: Database[];
  agents: Agent[];
  jobs: BackupJob[];
}) {
  const { t } = useTranslation();
  const agentById = new Map(agents.map((agent) => [agent.id, agent]));
  const jobsByDatabase = new Map<string, BackupJob[]>();
  for (const job of jobs)
    jobsByDatabase.set(job.databaseId, [...(jobsByDatabase.get(job.databaseId) ?? []), job]);
  const { pageItems, pagination } = usePagedList(databases, t('databases.listLabel'));
  return (
    <>
      <Table.ScrollContainer minWidth={960}>
        <Table verticalSpacing="sm" aria-label={t('databases.listLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('databases.columns.name')}</Table.Th>
              <Table.Th>{t('databases.columns.engine')}</Table.Th>
              <Table.Th>{t('databases.columns.location')}</Table.Th>
              <Table.Th>{t('databases.columns.agent')}</Table.Th>
              <Table.Th>{t('databases.columns.lastBackup')}</Table.Th>
              <Table.Th>{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {pageItems.map((database) => (
              <DatabaseRow
                key={database.id}
                database={database}
                agent={agentById.get(database.agentId)}
                jobs={jobsByDatabase.get(database.id) ?? []}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pagination}
    </>
  );
}
