import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Agent, Storage } from '@rahatback/protocol';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmButton } from '../../ui/confirm-button.js';
import { useErrorMessage } from '../../ui/error-message.js';
import { usePagedList } from '../../ui/list-pagination.js';
import { RowNote } from '../../ui/row-note.js';
import { agentName } from '../agents/agent-name.js';
import { storageName } from './storage-name.js';
import { StorageTestResultAlert } from './storage-test-result.js';
import { useDeleteStorage, useTestStorage } from './use-storages.js';

/** Where the files go, in one line: a folder, a bucket URL, or user@host:path. */
export function describeLocation(storage: Storage): string {
  const config = storage.config;
  switch (config.kind) {
    case 'local':
      return config.path;
    case 's3': {
      const host = config.endpoint ? new URL(config.endpoint).host : 'aws';
      return `s3://${config.bucket}/${config.prefix} (${host})`;
    }
    case 'sftp':
      return `${config.username}@${config.host}:${config.port}${config.path}`;
  }
}

function StorageRow({ storage, agent }: { storage: Storage; agent: Agent | undefined }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const remove = useDeleteStorage();
  const test = useTestStorage();
  const name = storageName(storage, t);
  const onDelete = () =>
    remove.mutateAsync(storage.id).then(
      () => notifications.show({ color: 'green', message: t('storages.deleted', { name }) }),
      (error: unknown) => notifications.show({ color: 'red', message: errorMessage(error) }),
    );
  return (
    <>
      <Table.Tr>
        <Table.Td fw={500}>{name}</Table.Td>
        <Table.Td>
          <Badge variant="light" tt="none" styles={{ label: { overflow: 'visible' } }}>
            {t(`storages.kinds.${storage.kind}`)}
          </Badge>
        </Table.Td>
        <Table.Td>
          <Text size="sm" ff="monospace">
            {describeLocation(storage)}
          </Text>
        </Table.Td>
        <Table.Td>{agent ? agentName(agent, t) : t('databases.unknownAgent')}</Table.Td>
        <Table.Td>
          <Group gap={4} wrap="nowrap">
            <Button
              size="xs"
              variant="subtle"
              loading={test.isPending}
              onClick={() => test.mutate({ id: storage.id })}
            >
              {t('storages.form.test')}
            </Button>
            <Button size="xs" variant="subtle" component={Link} to={`/storages/${storage.id}`}>
              {t('common.edit')}
            </Button>
            <ConfirmButton
              label={t('common.delete')}
              title={t('storages.deleteTitle', { name })}
              body={t('storages.deleteBody')}
              confirmLabel={t('storages.deleteConfirm')}
              onConfirm={onDelete}
            />
          </Group>
        </Table.Td>
      </Table.Tr>
      {(test.data ?? test.error) && (
        <RowNote colSpan={5}>
          <StorageTestResultAlert result={test.data} error={test.error} />
        </RowNote>
      )}
    </>
  );
}

export function StoragesTable({ storages, agents }: { storages: Storage[]; agents: Agent[] }) {
  const { t } = useTranslation();
  const agentById = new Map(agents.map((agent) => [agent.id, agent]));
  const { pageItems, pagination } = usePagedList(storages, t('storages.listLabel'));
  return (
    <>
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing="sm" aria-label={t('storages.listLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('storages.columns.name')}</Table.Th>
              <Table.Th>{t('storages.columns.kind')}</Table.Th>
              <Table.Th>{t('storages.columns.location')}</Table.Th>
              <Table.Th>{t('storages.columns.agent')}</Table.Th>
              <Table.Th>{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {pageItems.map((storage) => (
              <StorageRow
                key={storage.id}
                storage={storage}
                agent={agentById.get(storage.agentId)}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pagination}
    </>
  );
}
