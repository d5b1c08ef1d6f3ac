import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { RegisterBody } from '@rahatback/protocol';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { register } from '../../api/auth.js';
import { useErrorMessage } from '../../ui/error-message.js';
import { type FieldErrors, serverFieldErrors, validate } from '../../ui/field-errors.js';
import { AuthCard, AuthSwitchLink } from './auth-card.js';
import { useSession, useSignIn } from './use-session.js';

export default function RegisterPage() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const session = useSession();
  const signUp = useSignIn(register, '/');
  const [values, setValues] = useState({ name: '', email: '', password: '' });
  const [errors, setErrors] = useState<FieldErrors>({});

  if (session.data) return <Navigate to="/" replace />;

  const field = (name: keyof typeof values) => ({
    value: values[name],
    onChange: (e: ChangeEvent<HTMLInputElement>) =>
      setValues({ ...values, [name]: e.currentTarget.value }),
    error: errors[name] ?? serverFieldErrors(signUp.error)[name],
    required: true,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = validate(RegisterBody, values, t);
    setErrors(result.errors ?? {});
    if (result.data) signUp.mutate(result.data);
  };

  return (
    <AuthCard title={t('auth.register.title')}>
      <Text size="sm" c="dimmed" mb="md">
        {t('auth.register.intro')}
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack>
          {signUp.isError && (
            <Alert color="red" role="alert">
              {errorMessage(signUp.error)}
            </Alert>
          )}
          <TextInput label={t('auth.fields.name')} autoComplete="name" {...field('name')} />
          <TextInput
            label={t('auth.fields.email')}
            type="email"
            autoComplete="email"
            {...field('email')}
          />
          <PasswordInput
            label={t('auth.fields.password')}
            description={t('auth.fields.passwordHint')}
            autoComplete="new-password"
            {...field('password')}
          />
          <Button type="submit" loading={signUp.isPending}>
            {t('auth.register.submit')}
          </Button>
        </Stack>
      </form>
      <AuthSwitchLink
        question={t('auth.register.haveAccount')}
        link={t('auth.register.loginLink')}
        to="/login"
      />
    </AuthCard>
  );
}
