import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  Stack,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { BackupRun, Database } from '@rahatback/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../ui/error-message.js';
import { useStartRestore } from './use-history.js';

interface Props {
  run: BackupRun | null;
  databases: readonly Database[];
  onClose: () => void;
}

/**
 * Restores a successful backup into its own database or another. Dropping existing objects
 * is destructive, so it asks the user to type the target database's name first.
 */
export function RestoreModal({ run, databases, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={run !== null} onClose={onClose} title={t('restore.title')} size="lg">
      {run && <RestoreForm key={run.id} run={run} databases={databases} onClose={onClose} />}
    </Modal>
  );
}

function RestoreForm({ run, databases, onClose }: Props & { run: BackupRun }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [targetId, setTargetId] = useState(run.databaseId);
  const [dropExisting, setDropExisting] = useState(false);
  const [typed, setTyped] = useState('');
  const start = useStartRestore();
  const target = databases.find((database) => database.id === targetId);
  const isConfirmed = !dropExisting || (target !== undefined && typed === target.database);

  const submit = () =>
    start.mutate(
      {
        runId: run.id,
        body: {
          targetDatabaseId: targetId,
          dropExisting,
          ...(dropExisting ? { confirm: typed } : {}),
        },
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'blue', message: t('restore.started') });
          onClose();
        },
      },
    );

  return (
    <Stack>
      {start.isError && (
        <Alert color="red" role="alert">
          {errorMessage(start.error)}
        </Alert>
      )}
      <NativeSelect
        label={t('restore.target')}
        description={t('restore.targetHint')}
        value={targetId}
        data={databases.map((database) => ({
          value: database.id,
          label:
            database.id === run.databaseId
              ? t('restore.sourceDatabase', { name: database.name })
              : database.name,
        }))}
        onChange={(e) => {
          setTargetId(e.currentTarget.value);
          setTyped('');
        }}
      />
      <Checkbox
        label={t('restore.dropExisting')}
        description={t('restore.dropExistingHint')}
        checked={dropExisting}
        onChange={(e) => setDropExisting(e.currentTarget.checked)}
      />
      {dropExisting && target && (
        <TextInput
          label={t('restore.typeName', { name: target.database })}
          value={typed}
          onChange={(e) => setTyped(e.currentTarget.value)}
          autoComplete="off"
        />
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button
          color={dropExisting ? 'red' : undefined}
          disabled={!isConfirmed}
          loading={start.isPending}
          onClick={submit}
        >
          {t('restore.submit')}
        </Button>
      </Group>
    </Stack>
  );
}
