import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Modal,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { CreateEnrollmentTokenBody } from '@rahatback/protocol';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../i18n/format.js';
import { useErrorMessage } from '../../ui/error-message.js';
import { type FieldErrors, validate } from '../../ui/field-errors.js';
import { useAgents, useCreateEnrollmentToken } from './use-agents.js';

/** Names the agent, creates a one-time enrollment token and shows the command to run. */
export function AddAgentModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateEnrollmentToken();
  const close = () => {
    create.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('agents.enroll.title')} size="lg" centered>
      {create.data ? (
        <EnrollmentCommand command={create.data.command} expiresAt={create.data.expiresAt} />
      ) : (
        <NameForm create={create} />
      )}
    </Modal>
  );
}

function NameForm({ create }: { create: ReturnType<typeof useCreateEnrollmentToken> }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [name, setName] = useState(t('agents.enroll.defaultName'));
  const [errors, setErrors] = useState<FieldErrors>({});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = validate(CreateEnrollmentTokenBody, { name }, t);
    setErrors(result.errors ?? {});
    if (result.data) create.mutate(result.data);
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {create.isError && (
          <Alert color="red" role="alert">
            {errorMessage(create.error)}
          </Alert>
        )}
        <TextInput
          label={t('agents.enroll.nameLabel')}
          description={t('agents.enroll.nameHint')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          required
          data-autofocus
        />
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending}>
            {t('agents.enroll.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The first agent to come online after the command was shown: the one it enrolled. */
function useNewcomer() {
  const agents = useAgents();
  const [knownIds] = useState(() => new Set(agents.data?.map((agent) => agent.id)));
  return agents.data?.find((agent) => agent.online && !knownIds.has(agent.id));
}

function EnrollmentCommand({ command, expiresAt }: { command: string; expiresAt: string }) {
  const { t, i18n } = useTranslation();
  const newcomer = useNewcomer();
  return (
    <Stack>
      <Text>{t('agents.enroll.instructions', { time: formatTime(expiresAt, i18n.language) })}</Text>
      <Code
        block
        style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
        aria-label={t('agents.enroll.commandLabel')}
        data-testid="enrollment-command"
      >
        {command}
      </Code>
      <Group justify="space-between">
        {newcomer ? (
          <Alert color="green" role="status" maw={420} p="xs">
            {t('agents.enroll.connected', { name: newcomer.name })}
          </Alert>
        ) : (
          <Text size="sm" c="dimmed" maw={420}>
            {t('agents.enroll.waiting')}
          </Text>
        )}
        <CopyButton value={command}>
          {({ copied, copy }) => (
            <Button
              variant={copied ? 'light' : 'filled'}
              color={copied ? 'green' : undefined}
              onClick={copy}
            >
              {copied ? t('common.copied') : t('common.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}
