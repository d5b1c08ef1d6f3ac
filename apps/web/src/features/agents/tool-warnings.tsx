import { Alert, Badge, List, Text } from '@mantine/core';
import type { Agent, Database } from '@rahatback/protocol';
import { useTranslation } from 'react-i18next';
import type { ToolGap } from './missing-tools.js';

// SQLite needs no client tool (the agent opens the file in-process), so it has no fix.
const FIX_KEYS = {
  postgresql: 'agents.toolFix.postgresql',
  mysql: 'agents.toolFix.mysql',
  mariadb: 'agents.toolFix.mariadb',
} as const satisfies Record<Exclude<Database['engine'], 'sqlite'>, string>;

/** One sentence per gap: what cannot be done for which database, and the fix on which host. */
export function useToolGapSentence() {
  const { t, i18n } = useTranslation();
  return (gap: ToolGap, database: Database, agent: Agent): string => {
    const host = agent.hostname ?? agent.name;
    const names = { database: database.name, host };
    switch (gap.kind) {
      case 'noBackupTool':
      case 'noRestoreTool': {
        const tools = new Intl.ListFormat(i18n.language, { type: 'disjunction' }).format(gap.anyOf);
        const fix = database.engine === 'sqlite' ? '' : t(FIX_KEYS[database.engine], { host });
        return t(`agents.toolGaps.${gap.kind}`, { ...names, tools, fix });
      }
      case 'restoreToolNotBeside':
        return t('agents.toolGaps.restoreToolNotBeside', {
          ...names,
          tool: gap.tool,
          major: gap.major,
        });
      case 'dumpTooOld':
        return t('agents.toolGaps.dumpTooOld', {
          ...names,
          toolMajor: gap.toolMajor,
          serverMajor: gap.serverMajor,
        });
    }
  };
}

interface ToolWarningsProps {
  agent: Agent;
  warnings: { database: Database; gaps: ToolGap[] }[];
  id?: string;
}

/** The sentences naming each missing tool and its fix, under a row of the agents or databases list. */
export function ToolWarnings({ agent, warnings, id }: ToolWarningsProps) {
  const { t } = useTranslation();
  const sentence = useToolGapSentence();
  const items = warnings.flatMap(({ database, gaps }) =>
    gaps.map((gap) => ({
      key: `${database.id}-${gap.kind}`,
      text: sentence(gap, database, agent),
    })),
  );
  if (items.length === 0) return null;
  return (
    <Alert
      id={id}
      color="orange"
      variant="light"
      role="note"
      title={t('agents.toolWarnings.title')}
      data-testid="tool-warnings"
      p="xs"
      // Orange text on its own tint is under 4.5:1; the tint and the word say "warning" already.
      styles={{ title: { color: 'var(--mantine-color-text)' } }}
    >
      <List size="sm" spacing={4}>
        {items.map((item) => (
          <List.Item key={item.key}>{item.text}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

/** A short marker on a row; `describedBy` points at the sentences it stands for. */
export function ToolWarningBadge({ describedBy }: { describedBy: string }) {
  const { t } = useTranslation();
  return (
    <Badge
      color="orange"
      variant="light"
      tt="none"
      aria-describedby={describedBy}
      // The words in the text colour (orange on its tint is under 4.5:1), the sign in orange.
      c="var(--mantine-color-text)"
      leftSection={
        <Text span c="orange.9" aria-hidden="true">
          ⚠
        </Text>
      }
      styles={{ label: { overflow: 'visible' } }}
    >
      {t('agents.toolWarnings.badge')}
    </Badge>
  );
}
