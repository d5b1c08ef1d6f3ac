import { Alert, Button, Group, Paper, PasswordInput, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ChangePasswordBody } from '@rahatback/protocol';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changePassword } from '../../api/settings.js';
import { useErrorMessage } from '../../ui/error-message.js';
import { type FieldErrors, validate } from '../../ui/field-errors.js';

export function PasswordForm() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [values, setValues] = useState({ currentPassword: '', newPassword: '', again: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const change = useMutation({ mutationFn: changePassword });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = validate(ChangePasswordBody, values, t);
    const next: FieldErrors = { ...result.errors };
    if (values.newPassword !== values.again) next.again = t('settings.password.mismatch');
    setErrors(next);
    if (!result.data || next.again) return;
    change.mutate(result.data, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('settings.password.changed') });
        setValues({ currentPassword: '', newPassword: '', again: '' });
      },
    });
  };
  const input = (field: keyof typeof values, autoComplete: string) => ({
    value: values[field],
    autoComplete,
    onChange: (e: { currentTarget: { value: string } }) =>
      setValues({ ...values, [field]: e.currentTarget.value }),
    error: errors[field],
  });

  return (
    <Paper withBorder p="lg" radius="md">
      <Title order={2} size="h4" mb="sm">
        {t('settings.password.title')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack>
          {change.isError && (
            <Alert color="red" role="alert">
              {errorMessage(change.error)}
            </Alert>
          )}
          <PasswordInput
            label={t('settings.password.current')}
            {...input('currentPassword', 'current-password')}
          />
          <PasswordInput
            label={t('settings.password.new')}
            {...input('newPassword', 'new-password')}
          />
          <PasswordInput label={t('settings.password.again')} {...input('again', 'new-password')} />
          <Group justify="flex-end">
            <Button type="submit" loading={change.isPending}>
              {t('settings.password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
