import { Alert, Anchor, Button, Group, Paper, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type Agent, type Database, DatabaseInput } from '@rahatback/protocol';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import NotFoundPage from '../../pages/not-found-page.js';
import { useErrorMessage } from '../../ui/error-message.js';
import { type FieldErrors, serverFieldErrors, validate } from '../../ui/field-errors.js';
import { PageHeader } from '../../ui/page-header.js';
import { QueryState } from '../../ui/query-state.js';
import { useAgents } from '../agents/use-agents.js';
import { DatabaseFields } from './database-fields.js';
import {
  type DatabaseFormValues,
  emptyFormValues,
  formValuesOf,
  toDatabaseBody,
} from './database-form-values.js';
import { TestConnectionResultAlert } from './test-connection-result.js';
import { useDatabases, useSaveDatabase, useTestConnection } from './use-databases.js';

/** `/databases/new` and `/databases/:id`: the add and edit form. */
export default function DatabaseFormPage() {
  const { id } = useParams();
  const agents = useAgents();
  const databases = useDatabases();
  return (
    <QueryState query={agents}>
      {(agentList) =>
        id === undefined ? (
          <DatabaseForm agents={agentList} />
        ) : (
          <QueryState query={databases}>
            {(list) => {
              const existing = list.find((database) => database.id === id);
              return existing ? (
                <DatabaseForm agents={agentList} existing={existing} />
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

interface FormProps {
  agents: Agent[];
  existing?: Database | undefined;
}

function DatabaseForm({ agents, existing }: FormProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const initial = existing ? formValuesOf(existing) : emptyFormValues(agents);
  const [values, setValues] = useState<DatabaseFormValues>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useSaveDatabase(existing?.id);
  const test = useTestConnection();

  const change = (next: DatabaseFormValues) => {
    setValues(next);
    test.reset();
  };

  const validated = () => {
    const result = validate(DatabaseInput, toDatabaseBody(values), t);
    setErrors(result.errors ?? {});
    return result.data;
  };

  const runTest = () => {
    const body = validated();
    if (!body) return;
    // Unchanged saved database with no new password: test it with its sealed password.
    const isUnchanged = JSON.stringify(values) === JSON.stringify(initial);
    test.mutate(existing && isUnchanged ? { id: existing.id } : { body });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = validated();
    if (!body) return;
    save.mutate(body, {
      onSuccess: (saved) => {
        notifications.show({ color: 'green', message: t('databases.saved', saved) });
        void navigate('/databases');
      },
    });
  };

  const title = existing
    ? t('databases.form.titleEdit', { name: existing.name })
    : t('databases.form.titleNew');

  return (
    <>
      <PageHeader title={title} />
      <Paper withBorder p="lg" radius="md" maw={720}>
        <form onSubmit={submit} noValidate>
          <Stack>
            {agents.length === 0 && (
              <Alert color="yellow">
                {t('databases.needAgent')}{' '}
                <Anchor component={Link} to="/agents">
                  {t('nav.agents')}
                </Anchor>
              </Alert>
            )}
            {save.isError && (
              <Alert color="red" role="alert">
                {errorMessage(save.error)}
              </Alert>
            )}
            <DatabaseFields
              values={values}
              onChange={change}
              errors={{ ...serverFieldErrors(save.error), ...errors }}
              agents={agents}
              isEditing={existing !== undefined}
            />
            <TestConnectionResultAlert
              engine={values.engine}
              result={test.data}
              error={test.error}
            />
            <Group justify="space-between">
              <Button variant="light" onClick={runTest} loading={test.isPending}>
                {t('databases.form.test')}
              </Button>
              <Group>
                <Button variant="default" component={Link} to="/databases">
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
