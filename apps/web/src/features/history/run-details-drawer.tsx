import { Alert, Code, Drawer, Stack, Table, Text, Title } from '@mantine/core';
import type { BackupRun } from '@rahatback/protocol';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../ui/format.js';

/** Everything a user checks after a run: checksum, where each copy is, the error, the log. */
export function RunDetailsDrawer({ run, onClose }: { run: BackupRun | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Drawer
      opened={run !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={run ? t('history.details.title', { name: run.jobName }) : ''}
    >
      {run && (
        <Stack>
          {run.error && (
            <Alert color="red" role="alert" title={t('history.details.error')}>
              {run.error.message}
            </Alert>
          )}
          <div>
            <Text size="sm" fw={500}>
              {t('history.details.checksum')}
            </Text>
            <Code block data-testid="run-sha256">
              {run.sha256 ?? '—'}
            </Code>
          </div>
          <Title order={4}>{t('history.details.destinations')}</Title>
          <Table>
            <Table.Tbody>
              {run.destinations.map((destination) => (
                <Table.Tr key={destination.storageId}>
                  <Table.Td>{destination.storageName}</Table.Td>
                  <Table.Td>
                    <Text size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
                      {destination.objectKey ?? '—'}
                    </Text>
                    {destination.error && (
                      <Text size="xs" c="red">
                        {destination.error.message}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {destination.storedSize === null
                      ? '—'
                      : formatBytes(destination.storedSize, i18n.language)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Title order={4}>{t('history.details.log')}</Title>
          <Code block>{run.logTail.length > 0 ? run.logTail.join('\n') : '—'}</Code>
        </Stack>
      )}
    </Drawer>
  );
}
