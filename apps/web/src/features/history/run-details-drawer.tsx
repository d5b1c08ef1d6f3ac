import { Alert, Button, Code, Drawer, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { BackupRun } from '@rahatback/protocol';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { downloadLink } from '../../api/history.js';
import { useErrorMessage } from '../../ui/error-message.js';
import { formatBytes } from '../../ui/format.js';
import { storageName } from '../storages/storage-name.js';
import { holdsCopy, VerificationSection } from './test-restore.js';

/**
 * Everything a user checks after a run: checksum, where each copy is, the error, its test
 * restore, the log.
 */
export function RunDetailsDrawer({ run, onClose }: { run: BackupRun | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer
      opened={run !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={run ? t('history.details.title', { name: run.jobName }) : ''}
    >
      {/* Keyed by run: a failed download of one run is not shown on the next. */}
      {run && <RunDetails key={run.id} run={run} />}
    </Drawer>
  );
}

function RunDetails({ run }: { run: BackupRun }) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  // The server answers with a link only once the copy is readable, so its sentence shows here;
  // the browser's own download manager then streams the file from the link.
  const download = useMutation({
    mutationFn: (storageId: string | undefined) => downloadLink(run.id, storageId),
    onSuccess: (link) => window.location.assign(link.url),
  });
  const isLoading = (storageId: string | undefined) =>
    download.isPending && download.variables === storageId;
  const hasCopy = run.destinations.some(holdsCopy);

  return (
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
      {hasCopy && (
        <Stack gap="xs">
          <Group>
            <Button
              onClick={() => download.mutate(undefined)}
              loading={isLoading(undefined)}
              disabled={download.isPending && !isLoading(undefined)}
            >
              {t('history.download.button')}
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            {t('history.download.hint')}
          </Text>
        </Stack>
      )}
      {download.isError && (
        <Alert color="red" role="alert" title={t('history.download.failed')}>
          {errorMessage(download.error)}
        </Alert>
      )}
      <Title order={4}>{t('history.details.destinations')}</Title>
      <Table>
        <Table.Tbody>
          {run.destinations.map((destination) => (
            <Table.Tr key={destination.storageId}>
              <Table.Td>{storageName({ name: destination.storageName }, t)}</Table.Td>
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
              <Table.Td>
                {holdsCopy(destination) && (
                  <Button
                    size="xs"
                    variant="default"
                    aria-label={t('history.download.copyLabel', {
                      name: storageName({ name: destination.storageName }, t),
                    })}
                    onClick={() => download.mutate(destination.storageId)}
                    loading={isLoading(destination.storageId)}
                    disabled={download.isPending && !isLoading(destination.storageId)}
                  >
                    {t('history.download.copyButton')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {run.status === 'success' && <VerificationSection run={run} />}
      <Title order={4}>{t('history.details.log')}</Title>
      <Code block>{run.logTail.length > 0 ? run.logTail.join('\n') : '—'}</Code>
    </Stack>
  );
}
