import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { Agent, ClientTool, Database } from '@rahatback/protocol';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/format.js';
import { ConfirmButton } from '../../ui/confirm-button.js';
import { useErrorMessage } from '../../ui/error-message.js';
import { usePagedList } from '../../ui/list-pagination.js';
import { RowNote } from '../../ui/row-note.js';
import { AgentStatusBadge } from './agent-status-badge.js';
import { type DatabaseToolWarning, toolWarnings } from './missing-tools.js';
import { ToolWarningBadge, ToolWarnings } from './tool-warnings.js';
import { useRevokeAgent } from './use-agents.js';
import { agentName } from './agent-name.js';

/** A host can have the same tool in several folders (e.g. /usr/bin and a versioned one). */
function distinctTools(tools: ClientTool[]): ClientTool[] {
  const seen = new Set<string>();
  return tools.filter((tool) => !seen.has(tool.name) && seen.add(tool.name));
}

function ToolList({ agent, warningsId }: { agent: Agent; warningsId: string | undefined }) {
  const { t } = useTranslation();
  const warning = warningsId === undefined ? null : <ToolWarningBadge describedBy={warningsId} />;
  if (agent.tools.length === 0)
    return (
      <Stack gap={4} align="flex-start">
        <Text size="sm" fw={500}>
          {t('agents.noTools')}
        </Text>
        {warning}
      </Stack>
    );
  return (
    <Group gap={4} maw={420}>
      {distinctTools(agent.tools).map((tool) => (
        <Badge key={tool.name} variant="light" color="gray" tt="none" title={tool.path}>
          {tool.name} {tool.version}
        </Badge>
      ))}
      {warning}
    </Group>
  );
}

interface AgentRowProps {
  agent: Agent;
  warnings: DatabaseToolWarning[];
}

function AgentRow({ agent, warnings }: AgentRowProps) {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const revoke = useRevokeAgent();
  const name = agentName(agent, t);
  const onRevoke = () =>
    revoke.mutateAsync(agent.id).then(
      () => notifications.show({ color: 'green', message: t('agents.revoked', { name }) }),
      (error: unknown) => notifications.show({ color: 'red', message: errorMessage(error) }),
    );

  const warningsId = warnings.length > 0 ? `tool-warnings-${agent.id}` : undefined;

  return (
    <>
      <Table.Tr data-testid={`agent-${agent.id}`}>
        <Table.Td>
          <Stack gap={2}>
            <Text fw={500}>{name}</Text>
            {agent.isEmbedded && (
              <Badge size="xs" variant="outline">
                {t('agents.embedded')}
              </Badge>
            )}
          </Stack>
        </Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>
          <AgentStatusBadge online={agent.online} />
        </Table.Td>
        <Table.Td>{agent.hostname ?? t('agents.unknown')}</Table.Td>
        <Table.Td>{agent.agentVersion ?? t('agents.unknown')}</Table.Td>
        <Table.Td>
          <ToolList agent={agent} warningsId={warningsId} />
        </Table.Td>
        <Table.Td>
          {agent.lastSeenAt ? formatDateTime(agent.lastSeenAt, i18n.language) : t('common.never')}
        </Table.Td>
        <Table.Td>
          <ConfirmButton
            label={t('agents.revoke')}
            title={t('agents.revokeTitle', { name })}
            body={t('agents.revokeBody')}
            confirmLabel={t('agents.revokeConfirm')}
            onConfirm={onRevoke}
          />
        </Table.Td>
      </Table.Tr>
      {warningsId !== undefined && (
        <RowNote colSpan={7}>
          <ToolWarnings id={warningsId} agent={agent} warnings={warnings} />
        </RowNote>
      )}
    </>
  );
}

/** `databases` tell which client tools each agent needs; an empty list warns of nothing. */
export function AgentsTable({ agents, databases }: { agents: Agent[]; databases: Database[] }) {
  const { t } = useTranslation();
  const { pageItems, pagination } = usePagedList(agents, t('agents.listLabel'));
  return (
    <>
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="sm" aria-label={t('agents.listLabel')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('agents.columns.name')}</Table.Th>
              <Table.Th>{t('agents.columns.status')}</Table.Th>
              <Table.Th>{t('agents.columns.hostname')}</Table.Th>
              <Table.Th>{t('agents.columns.version')}</Table.Th>
              <Table.Th>{t('agents.columns.tools')}</Table.Th>
              <Table.Th>{t('agents.columns.lastSeen')}</Table.Th>
              <Table.Th>{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {pageItems.map((agent) => (
              <AgentRow key={agent.id} agent={agent} warnings={toolWarnings(agent, databases)} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pagination}
    </>
  );
}
