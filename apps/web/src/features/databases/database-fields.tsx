import { NativeSelect, NumberInput, PasswordInput, SimpleGrid, TextInput } from '@mantine/core';
import { type Agent, DatabaseEngine } from '@rahatback/protocol';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../../ui/field-errors.js';
import { type DatabaseFormValues, isNetworked, withEngine } from './database-form-values.js';
import { agentName } from '../agents/agent-name.js';

interface Props {
  values: DatabaseFormValues;
  onChange: (values: DatabaseFormValues) => void;
  errors: FieldErrors;
  agents: readonly Agent[];
  isEditing: boolean;
}

/** The inputs of the database form; SQLite swaps host, port and credentials for a file path. */
export function DatabaseFields({ values, onChange, errors, agents, isEditing }: Props) {
  const { t } = useTranslation();
  const text = (field: 'name' | 'host' | 'username' | 'password' | 'database') => ({
    value: values[field],
    onChange: (e: { currentTarget: { value: string } }) =>
      onChange({ ...values, [field]: e.currentTarget.value }),
    error: errors[field],
  });
  const networked = isNetworked(values.engine);

  return (
    <>
      <TextInput
        label={t('databases.form.name')}
        description={t('databases.form.nameHint')}
        required
        {...text('name')}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect
          label={t('databases.form.engine')}
          value={values.engine}
          data={DatabaseEngine.options.map((engine) => ({
            value: engine,
            label: t(`databases.engines.${engine}`),
          }))}
          onChange={(e) =>
            onChange(withEngine(values, DatabaseEngine.parse(e.currentTarget.value)))
          }
          error={errors.engine}
        />
        <AgentSelect values={values} onChange={onChange} error={errors.agentId} agents={agents} />
      </SimpleGrid>
      {networked ? (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('databases.form.host')}
              placeholder="db.example.com"
              required
              style={{ gridColumn: 'span 2' }}
              {...text('host')}
            />
            <NumberInput
              label={t('databases.form.port')}
              required
              min={1}
              max={65535}
              allowDecimal={false}
              allowNegative={false}
              value={values.port}
              onChange={(port) =>
                onChange({ ...values, port: typeof port === 'number' ? port : '' })
              }
              error={errors.port}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('databases.form.username')}
              autoComplete="off"
              {...text('username')}
            />
            <PasswordInput
              label={t('databases.form.password')}
              description={isEditing ? t('databases.form.passwordKeep') : undefined}
              autoComplete="new-password"
              {...text('password')}
            />
          </SimpleGrid>
          <TextInput label={t('databases.form.database')} required {...text('database')} />
        </>
      ) : (
        <TextInput
          label={t('databases.form.sqlitePath')}
          description={t('databases.form.sqlitePathHint')}
          placeholder="/var/lib/app/data.db"
          required
          {...text('database')}
        />
      )}
    </>
  );
}

function AgentSelect({
  values,
  onChange,
  error,
  agents,
}: Pick<Props, 'values' | 'onChange' | 'agents'> & { error: string | undefined }) {
  const { t } = useTranslation();
  const options = agents.map((agent) => ({
    value: agent.id,
    label: agent.online
      ? agentName(agent, t)
      : t('databases.form.agentOffline', { name: agentName(agent, t) }),
  }));
  return (
    <NativeSelect
      label={t('databases.form.agent')}
      description={
        agents.length === 0 ? t('databases.form.noAgent') : t('databases.form.agentHint')
      }
      required
      value={values.agentId}
      data={values.agentId === '' ? [{ value: '', label: '—' }, ...options] : options}
      onChange={(e) => onChange({ ...values, agentId: e.currentTarget.value })}
      error={error}
    />
  );
}
