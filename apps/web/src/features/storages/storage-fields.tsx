import {
  Checkbox,
  NativeSelect,
  NumberInput,
  PasswordInput,
  SimpleGrid,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type Agent, StorageKind, type StorageSecretField } from '@rahatback/protocol';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../../ui/field-errors.js';
import { S3_PRESETS, type S3Preset } from './s3-presets.js';
import { type StorageFormValues, withPreset } from './storage-form-values.js';
import { agentName } from '../agents/agent-name.js';

interface Props {
  values: StorageFormValues;
  onChange: (values: StorageFormValues) => void;
  errors: FieldErrors;
  agents: readonly Agent[];
  /** Secret fields already sealed on the server: their inputs say "leave empty to keep". */
  savedSecrets: readonly StorageSecretField[];
}

type TextField = 'name' | 'path' | 'endpoint' | 'region' | 'bucket' | 'prefix' | 'host';

/** The inputs of the destination form; the kind decides which of them show. */
export function StorageFields(props: Props) {
  const { values, onChange, errors, agents } = props;
  const { t } = useTranslation();
  const agentOptions = agents.map((agent) => ({
    value: agent.id,
    label: agent.online
      ? agentName(agent, t)
      : t('databases.form.agentOffline', { name: agentName(agent, t) }),
  }));
  return (
    <>
      <TextInput
        label={t('storages.form.name')}
        required
        value={values.name}
        onChange={(e) => onChange({ ...values, name: e.currentTarget.value })}
        error={errors.name}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect
          label={t('storages.form.kind')}
          value={values.kind}
          data={StorageKind.options.map((kind) => ({
            value: kind,
            label: t(`storages.kinds.${kind}`),
          }))}
          onChange={(e) => onChange({ ...values, kind: StorageKind.parse(e.currentTarget.value) })}
        />
        <NativeSelect
          label={t('storages.form.agent')}
          description={t(`storages.form.agentHint.${values.kind}`)}
          required
          value={values.agentId}
          data={values.agentId === '' ? [{ value: '', label: '—' }, ...agentOptions] : agentOptions}
          onChange={(e) => onChange({ ...values, agentId: e.currentTarget.value })}
          error={errors.agentId}
        />
      </SimpleGrid>
      {values.kind === 'local' && <LocalFields {...props} />}
      {values.kind === 's3' && <S3Fields {...props} />}
      {values.kind === 'sftp' && <SftpFields {...props} />}
    </>
  );
}

function useText({ values, onChange, errors }: Props) {
  return (field: TextField) => ({
    value: values[field],
    onChange: (e: { currentTarget: { value: string } }) =>
      onChange({ ...values, [field]: e.currentTarget.value }),
    error: errors[field],
  });
}

function SecretInput({
  field,
  props,
  multiline = false,
}: {
  field: StorageSecretField;
  props: Props;
  multiline?: boolean;
}) {
  const { t } = useTranslation();
  const { values, onChange, savedSecrets } = props;
  const input = {
    label: t(`storages.form.secrets.${field}`),
    description: savedSecrets.includes(field) ? t('storages.form.secretSaved') : undefined,
    autoComplete: 'new-password',
    value: values.secrets[field],
    onChange: (e: { currentTarget: { value: string } }) =>
      onChange({ ...values, secrets: { ...values.secrets, [field]: e.currentTarget.value } }),
    error: props.errors[field],
  };
  return multiline ? (
    <Textarea {...input} autosize minRows={2} maxRows={6} ff="monospace" />
  ) : (
    <PasswordInput {...input} />
  );
}

function LocalFields(props: Props) {
  const { t } = useTranslation();
  const text = useText(props);
  return (
    <TextInput
      label={t('storages.form.localPath')}
      description={t('storages.form.localPathHint')}
      placeholder="/var/backups/rahatback"
      required
      {...text('path')}
    />
  );
}

function S3Fields(props: Props) {
  const { values, onChange } = props;
  const { t } = useTranslation();
  const text = useText(props);
  return (
    <>
      <NativeSelect
        label={t('storages.form.preset')}
        value={values.preset}
        data={S3_PRESETS.map((preset) => ({
          value: preset,
          label: t(`storages.presets.${preset}`),
        }))}
        onChange={(e) => onChange(withPreset(values, e.currentTarget.value as S3Preset))}
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          label={t('storages.form.endpoint')}
          description={t('storages.form.endpointHint')}
          placeholder="https://s3.example.com"
          style={{ gridColumn: 'span 2' }}
          {...text('endpoint')}
        />
        <TextInput label={t('storages.form.region')} required {...text('region')} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('storages.form.bucket')} required {...text('bucket')} />
        <TextInput label={t('storages.form.prefix')} placeholder="backups/" {...text('prefix')} />
      </SimpleGrid>
      <Checkbox
        label={t('storages.form.forcePathStyle')}
        checked={values.forcePathStyle}
        onChange={(e) => onChange({ ...values, forcePathStyle: e.currentTarget.checked })}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <SecretInput field="accessKeyId" props={props} />
        <SecretInput field="secretAccessKey" props={props} />
      </SimpleGrid>
    </>
  );
}

function SftpFields(props: Props) {
  const { values, onChange, errors } = props;
  const { t } = useTranslation();
  const text = useText(props);
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput
          label={t('storages.form.host')}
          placeholder="backup.example.com"
          required
          style={{ gridColumn: 'span 2' }}
          {...text('host')}
        />
        <NumberInput
          label={t('storages.form.port')}
          required
          min={1}
          max={65535}
          allowDecimal={false}
          allowNegative={false}
          value={values.port}
          onChange={(port) => onChange({ ...values, port: typeof port === 'number' ? port : '' })}
          error={errors.port}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('storages.form.username')}
          required
          autoComplete="off"
          value={values.username}
          onChange={(e) => onChange({ ...values, username: e.currentTarget.value })}
          error={errors.username}
        />
        <TextInput
          label={t('storages.form.sftpPath')}
          placeholder="/srv/backups"
          required
          {...text('path')}
        />
      </SimpleGrid>
      <TextInput
        label={t('storages.form.hostKey')}
        description={t('storages.form.hostKeyHint')}
        placeholder="SHA256:…"
        value={values.hostKeySha256}
        onChange={(e) => onChange({ ...values, hostKeySha256: e.currentTarget.value })}
        error={errors.hostKeySha256}
      />
      <SecretInput field="password" props={props} />
      <SecretInput field="privateKey" props={props} multiline />
      <SecretInput field="passphrase" props={props} />
    </>
  );
}
