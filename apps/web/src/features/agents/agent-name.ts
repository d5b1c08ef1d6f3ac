import { type Agent, EMBEDDED_AGENT_NAME } from '@rahatback/protocol';
import type { TFunction } from 'i18next';

/**
 * An agent's name as the UI shows it: the embedded agent's English default ("this server")
 * in the reader's language until the user renames it; any other name as the user wrote it.
 */
export function agentName(agent: Pick<Agent, 'name' | 'isEmbedded'>, t: TFunction): string {
  return agent.isEmbedded && agent.name === EMBEDDED_AGENT_NAME
    ? t('agents.embeddedName')
    : agent.name;
}
