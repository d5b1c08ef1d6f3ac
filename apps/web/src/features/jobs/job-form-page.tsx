import { Alert, Button, Group, Paper, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { BackupJob, Database, Storage } from '@rahatback/protocol';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import NotFoundPage from '../../pages/not-found-page.js';
import { useErrorMessage } from '../../ui/error-message.js';
import { type FieldErrors, serverFieldErrors } from '../../ui/field-errors.js';
import { PageHeader } from '../../ui/page-header.js';
import { QueryState } from '../../ui/query-state.js';
import { useDatabases } from '../databases/use-databases.js';
import { useStorages } from '../storages/use-storages.js';
import { JobFields } from './job-fields.js';
import {
  emptyJobValues,
  errorsAfterEdit,
  type JobFormValues,
  jobValuesOf,
  validateJob,
} from './job-form-values.js';
import { useCreateJob, useJobs, useUpdateJob } from './use-jobs.js';

/** `/jobs/new` (optionally `?databaseId=`) and `/jobs/:id`. */
export default function JobFormPage() {
  const { id } = useParams();
  const databases = useDatabases();
  const storages = useStorages();
  const jobs = useJobs();
  return (
    <QueryState query={databases}>
      {(databaseList) => (
        <QueryState query={storages}>
          {(storageList) =>
            id === undefined ? (
              <JobForm databases={databaseList} storages={storageList} />
            ) : (
              <QueryState query={jobs}>
                {(list) => {
                  const existing = list.find((job) => job.id === id);
                  return existing ? (
                    <JobForm databases={databaseList} storages={storageList} existing={existing} />
                  ) : (
                    <NotFoundPage />
                  );
                }}
              </QueryState>
            )
          }
        </QueryState>
      )}
    </QueryState>
  );
}

interface FormProps {
  databases: Database[];
  storages: Storage[];
  existing?: BackupJob;
}

function initialValues({ databases, storages, existing }: FormProps, databaseId: string | null) {
  if (existing) return jobValuesOf(existing);
  const onlyStorage = storages.length === 1 && storages[0] ? [storages[0].id] : [];
  return emptyJobValues(databaseId ?? databases[0]?.id ?? '', onlyStorage);
}

function JobForm(props: FormProps) {
  const { existing } = props;
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const errorMessage = useErrorMessage();
  const [values, setValues] = useState<JobFormValues>(() =>
    initialValues(props, search.get('databaseId')),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useCreateJob();
  const update = useUpdateJob();
  const save = existing ? update : create;

  const change = (next: JobFormValues) => {
    setErrors(errorsAfterEdit(errors, values, next));
    setValues(next);
  };

  const done = (saved: BackupJob) => {
    notifications.show({ color: 'green', message: t('jobs.saved', { name: saved.name }) });
    void navigate('/jobs');
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = validateJob(values, t, existing !== undefined);
    setErrors(result.errors ?? {});
    if (!result.data) return;
    if (!existing) return create.mutate(result.data, { onSuccess: done });
    const patch = {
      ...result.data,
      ...(values.currentPassphrase === '' ? {} : { currentPassphrase: values.currentPassphrase }),
    };
    update.mutate({ id: existing.id, patch }, { onSuccess: done });
  };

  const title = existing
    ? t('jobs.form.titleEdit', { name: existing.name })
    : t('jobs.form.titleNew');
  return (
    <>
      <PageHeader title={title} />
      <Paper withBorder p="lg" radius="md" maw={820}>
        <form onSubmit={submit} noValidate>
          <Stack>
            {save.isError && (
              <Alert color="red" role="alert">
                {errorMessage(save.error)}
              </Alert>
            )}
            {Object.keys(errors).length > 0 && (
              <Alert color="red" role="alert">
                {t('validation.fixFields')}
              </Alert>
            )}
            <JobFields
              values={values}
              onChange={change}
              errors={{ ...serverFieldErrors(save.error), ...errors }}
              databases={props.databases}
              storages={props.storages}
              hasPassphrase={existing?.hasPassphrase ?? false}
            />
            <Group justify="flex-end">
              <Button variant="default" component={Link} to="/jobs">
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
