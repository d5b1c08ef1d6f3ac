import { Badge, Table, Text } from '@mantine/core';
import type { Database, Restore } from '@rahatback/protocol';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/format.js';
import { formatBytes, formatDuration } from '../../ui/format.js';
import { RunStatusBadge } from '../jobs/run-status-badge.js';
import { TaskProgressBar } from './task-progress-bar.js';

export function RestoresTable({
  restores,
  databases,
}: {
  restores: Restore[];
  databases: readonly Database[];
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const nameOf = (id: string) => databases.find((database) => database.id === id)?.name ?? '—';
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" aria-label={t('restore.listLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('restore.columns.target')}</Table.Th>
            <Table.Th>{t('history.columns.status')}</Table.Th>
            <Table.Th>{t('history.columns.started')}</Table.Th>
            <Table.Th>{t('history.columns.duration')}</Table.Th>
            <Table.Th>{t('restore.columns.read')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {restores.map((restore) => (
            <Table.Tr key={restore.id} data-restore-id={restore.id} data-status={restore.status}>
              <Table.Td data-mode={restore.mode}>
                {restore.mode === 'verify' ? (
                  <>
                    <Badge color="grape" variant="light">
                      {t('restore.mode.verify')}
                    </Badge>
                    <Text size="xs" c="dimmed">
                      {t('restore.scratchOf', { name: nameOf(restore.targetDatabaseId) })}
                    </Text>
                    {restore.tableCounts && (
                      <Text size="xs" c="dimmed">
                        {t('restore.counted', {
                          count: restore.tableCounts.length,
                          rows: new Intl.NumberFormat(language).format(
                            restore.tableCounts.reduce((sum, table) => sum + table.rows, 0),
                          ),
                        })}
                      </Text>
                    )}
                  </>
                ) : (
                  <>
                    <Text fw={500}>{nameOf(restore.targetDatabaseId)}</Text>
                    <Text size="xs" c="dimmed">
                      {t('restore.mode.restore')}
                    </Text>
                  </>
                )}
              </Table.Td>
              <Table.Td>
                <RunStatusBadge status={restore.status} />
                {restore.error && (
                  <Text size="xs" c="red" maw={320}>
                    {restore.error.message}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{formatDateTime(restore.startedAt, language)}</Table.Td>
              <Table.Td>
                {restore.status === 'running' || restore.status === 'queued' ? (
                  <TaskProgressBar
                    taskId={restore.id}
                    initial={restore.progress}
                    expectedBytes={restore.expectedBytes}
                    basis="backupSize"
                  />
                ) : restore.durationMs === null ? (
                  '—'
                ) : (
                  formatDuration(restore.durationMs, language)
                )}
              </Table.Td>
              <Table.Td>
                {restore.bytesRead === null ? '—' : formatBytes(restore.bytesRead, language)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
