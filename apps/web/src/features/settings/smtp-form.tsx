import {
  Alert,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  PasswordInput,
  SimpleGrid,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { SmtpSettings, type SmtpSettingsView, TestEmailBody } from '@rahatback/protocol';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { putSmtp, sendTestEmail, smtpQueryKey } from '../../api/settings.js';
import { useErrorMessage } from '../../ui/error-message.js';
import { type FieldErrors, validate } from '../../ui/field-errors.js';

/** The mail server notifications go through, and a button that proves it works. */
export function SmtpForm({ saved }: { saved: SmtpSettingsView | null }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [values, setValues] = useState({
    host: saved?.host ?? '',
    port: saved?.port ?? 587,
    secure: saved?.secure ?? false,
    username: saved?.username ?? '',
    password: '',
    from: saved?.from ?? '',
  });
  const [to, setTo] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useMutation({
    mutationFn: putSmtp,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: smtpQueryKey }),
  });
  const test = useMutation({ mutationFn: sendTestEmail });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      ...values,
      username: values.username === '' ? undefined : values.username,
      password: values.password === '' ? undefined : values.password,
    };
    const result = validate(SmtpSettings, body, t);
    setErrors(result.errors ?? {});
    if (result.data)
      save.mutate(result.data, {
        onSuccess: () => notifications.show({ color: 'green', message: t('settings.smtp.saved') }),
      });
  };
  const sendTest = () => {
    const result = validate(TestEmailBody, { to }, t);
    setErrors(result.errors ?? {});
    if (result.data) test.mutate(result.data);
  };
  const text = (field: 'host' | 'username' | 'from') => ({
    value: values[field],
    onChange: (e: { currentTarget: { value: string } }) =>
      setValues({ ...values, [field]: e.currentTarget.value }),
    error: errors[field],
  });

  return (
    <Paper withBorder p="lg" radius="md">
      <Title order={2} size="h4" mb="sm">
        {t('settings.smtp.title')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack>
          {save.isError && <Alert color="red">{errorMessage(save.error)}</Alert>}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('settings.smtp.host')}
              required
              style={{ gridColumn: 'span 2' }}
              {...text('host')}
            />
            <NumberInput
              label={t('settings.smtp.port')}
              min={1}
              max={65535}
              value={values.port}
              onChange={(port) =>
                setValues({ ...values, port: typeof port === 'number' ? port : 587 })
              }
              error={errors.port}
            />
          </SimpleGrid>
          <Checkbox
            label={t('settings.smtp.secure')}
            checked={values.secure}
            onChange={(e) => setValues({ ...values, secure: e.currentTarget.checked })}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('settings.smtp.username')}
              autoComplete="off"
              {...text('username')}
            />
            <PasswordInput
              label={t('settings.smtp.password')}
              description={saved?.hasPassword ? t('storages.form.secretSaved') : undefined}
              autoComplete="new-password"
              value={values.password}
              onChange={(e) => setValues({ ...values, password: e.currentTarget.value })}
            />
          </SimpleGrid>
          <TextInput
            label={t('settings.smtp.from')}
            placeholder="RahatBack <backups@example.com>"
            required
            {...text('from')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
          <Group align="flex-end">
            <TextInput
              label={t('settings.smtp.testTo')}
              value={to}
              onChange={(e) => setTo(e.currentTarget.value)}
              error={errors.to}
              style={{ flex: 1 }}
            />
            <Button variant="light" onClick={sendTest} loading={test.isPending} disabled={!saved}>
              {t('settings.smtp.sendTest')}
            </Button>
          </Group>
          {test.isSuccess && <Alert color="green">{t('settings.smtp.testSent', { to })}</Alert>}
          {test.isError && (
            <Alert color="red" role="alert">
              {errorMessage(test.error)}
            </Alert>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
