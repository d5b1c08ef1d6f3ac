import { Alert, Button, Group, Paper, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Agent, Storage } from '@rahatback/protocol';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import NotFoundPage from '../../pages/not-found-page.js';
import { useErrorMessage } from '../../ui/error-message.js';
import { type FieldErrors, serverFieldErrors } from '../../ui/field-errors.js';
import { PageHeader } from '../../ui/page-header.js';
import { QueryState } from '../../ui/query-state.js';
import { useAgents } from '../agents/use-agents.js';
import { StorageFields } from './storage-fields.js';
import {
  emptyStorageValues,
  type StorageFormValues,
  storageValuesOf,
  validateStorage,
} from './storage-form-values.js';
import { StorageTestResultAlert } from './storage-test-result.js';
import { useSaveStorage, useStorages, useTestStorage } from './use-storages.js';
import { storageName } from './storage-name.js';

/** `/storages/new` and `/storages/:id`: the add and edit form. */
export default function StorageFormPage() {
  const { id } = useParams();
  const agents = useAgents();
  const storages = useStorages();
  return (
    <QueryState query={agents}>
      {(agentList) =>
        id === undefined ? (
          <StorageForm agents={agentList} />
        ) : (
          <QueryState query={storages}>
            {(list) => {
              const existing = list.find((storage) => storage.id === id);
              return existing ? (
                <StorageForm agents={agentList} existing={existing} />
              ) : (
                <NotFoundPage />
              );
            }}
          </QueryState>
        )
      }
    </QueryState>
  );
}

function StorageForm({ agents, existing }: { agents: Agent[]; existing?: Storage }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const initial = existing ? storageValuesOf(existing, agents) : emptyStorageValues(agents);
  const [values, setValues] = useState<StorageFormValues>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useSaveStorage(existing?.id);
  const test = useTestStorage();

  const change = (next: StorageFormValues) => {
    setValues(next);
    test.reset();
  };

  const validated = () => {
    const result = validateStorage(values, t);
    setErrors(result.errors ?? {});
    return result.data;
  };

  const runTest = () => {
    const body = validated();
    if (!body) return;
    // An untouched saved destination is tested with its sealed secrets.
    const isUnchanged = JSON.stringify(values) === JSON.stringify(initial);
    test.mutate(existing && isUnchanged ? { id: existing.id } : { body });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = validated();
    if (!body) return;
    save.mutate(body, {
      onSuccess: (saved) => {
        notifications.show({ color: 'green', message: t('storages.saved', { name: saved.name }) });
        void navigate('/storages');
      },
    });
  };

  const title = existing
    ? t('storages.form.titleEdit', { name: storageName(existing, t) })
    : t('storages.form.titleNew');
  return (
    <>
      <PageHeader title={title} />
      <Paper withBorder p="lg" radius="md" maw={720}>
        <form onSubmit={submit} noValidate>
          <Stack>
            {save.isError && (
              <Alert color="red" role="alert">
                {errorMessage(save.error)}
              </Alert>
            )}
            <StorageFields
              values={values}
              onChange={change}
              errors={{ ...serverFieldErrors(save.error), ...errors }}
              agents={agents}
              savedSecrets={existing?.secretFields ?? []}
            />
            <StorageTestResultAlert result={test.data} error={test.error} />
            <Group justify="space-between">
              <Button variant="light" onClick={runTest} loading={test.isPending}>
                {t('storages.form.test')}
              </Button>
              <Group>
                <Button variant="default" component={Link} to="/storages">
                  {t('common.cancel')}
                </Button>
                <Button type="submit" loading={save.isPending}>
                  {t('common.save')}
                </Button>
              </Group>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
