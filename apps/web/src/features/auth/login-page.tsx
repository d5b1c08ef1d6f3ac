import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { LoginBody } from '@rahatback/protocol';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { login } from '../../api/auth.js';
import { useErrorMessage } from '../../ui/error-message.js';
import { type FieldErrors, validate } from '../../ui/field-errors.js';
import { AuthCard, AuthSwitchLink } from './auth-card.js';
import { useReturnTo } from './require-session.js';
import { useSession, useSignIn } from './use-session.js';

export default function LoginPage() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const returnTo = useReturnTo();
  const session = useSession();
  const signIn = useSignIn(login, returnTo);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  if (session.data) return <Navigate to={returnTo} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = validate(LoginBody, { email, password }, t);
    setErrors(result.errors ?? {});
    if (result.data) signIn.mutate(result.data);
  };

  return (
    <AuthCard title={t('auth.login.title')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {signIn.isError && (
            <Alert color="red" role="alert">
              {errorMessage(signIn.error)}
            </Alert>
          )}
          <TextInput
            label={t('auth.fields.email')}
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email}
            required
          />
          <PasswordInput
            label={t('auth.fields.password')}
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errors.password}
            required
          />
          <Button type="submit" loading={signIn.isPending}>
            {t('auth.login.submit')}
          </Button>
        </Stack>
      </form>
      <AuthSwitchLink
        question={t('auth.login.noAccount')}
        link={t('auth.login.registerLink')}
        to="/register"
      />
    </AuthCard>
  );
}
