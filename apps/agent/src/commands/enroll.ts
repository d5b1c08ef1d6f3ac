import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  ApiError,
  EnrollResponse,
  type AgentConfigFile,
  type EnrollBody,
} from '@rahatback/protocol';
import { agentVersion, loadAgentSettings, SettingsError } from '../config.js';

const usage = `usage: rahatback-agent enroll --server URL --token T [--config FILE] [--name NAME]

Trades a one-time enrollment token (Agents page → "Add agent") for this agent's credential
and writes it to the config file (default ~/.config/rahatback/agent.json, or
RAHATBACK_AGENT_CONFIG), readable by this user only. --name sets the host name the agent
reports (useful in containers, whose host names are random); default: this machine's.`;

const EnrollArgs = z.object({
  server: z
    .string({ message: '--server is required' })
    .url({ message: '--server must be a URL such as https://backup.example.com' })
    .refine((u) => /^https?:\/\//.test(u), { message: '--server must start with http(s)://' }),
  token: z.string({ message: '--token is required' }).min(16, { message: '--token is too short' }),
  config: z.string().optional(),
  name: z.string().max(255).optional(),
});

const ENROLL_TIMEOUT_MS = 15_000;

export async function run(argv: string[]): Promise<number> {
  const args = parseEnrollArgs(argv);
  if (args.kind === 'help') return print(usage, 0);
  if (args.kind === 'invalid')
    return print(`rahatback-agent enroll: ${args.problem}\n\n${usage}`, 2);
  const parsed = args.values;
  let configPath: string;
  try {
    configPath = loadAgentSettings({ config: parsed.config }).configPath;
  } catch (error) {
    if (error instanceof SettingsError) return print(`rahatback-agent enroll: ${error.message}`, 2);
    throw error;
  }
  const serverUrl = parsed.server.replace(/\/+$/, '');
  const body: EnrollBody = {
    token: parsed.token,
    hostname: parsed.name ?? hostname(),
    agentVersion: agentVersion(),
  };
  const outcome = await requestCredential(serverUrl, body);
  if (!outcome.ok) return print(`rahatback-agent enroll: ${outcome.message}`, 1);
  const file: AgentConfigFile = {
    serverUrl,
    agentId: outcome.response.agentId,
    credential: outcome.response.credential,
    ...(parsed.name === undefined ? {} : { hostname: parsed.name }),
  };
  await writeConfigFile(configPath, file);
  process.stdout.write(
    `Enrolled as agent ${file.agentId}. Config written to ${configPath}.\n` +
      `Start it with: rahatback-agent run${parsed.config === undefined ? '' : ` --config ${configPath}`}\n`,
  );
  return 0;
}

type ParsedArgs =
  | { kind: 'ok'; values: z.infer<typeof EnrollArgs> }
  | { kind: 'help' }
  | { kind: 'invalid'; problem: string };

function parseEnrollArgs(argv: string[]): ParsedArgs {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      options: {
        server: { type: 'string' },
        token: { type: 'string' },
        config: { type: 'string' },
        name: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    return { kind: 'invalid', problem: error instanceof Error ? error.message : String(error) };
  }
  if (values.help === true) return { kind: 'help' };
  const result = EnrollArgs.safeParse(values);
  return result.success
    ? { kind: 'ok', values: result.data }
    : { kind: 'invalid', problem: result.error.issues.map((i) => i.message).join('; ') };
}

type EnrollOutcome = { ok: true; response: EnrollResponse } | { ok: false; message: string };

async function requestCredential(serverUrl: string, body: EnrollBody): Promise<EnrollOutcome> {
  let response: Response;
  try {
    response = await fetch(`${serverUrl}/api/v1/agents/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(ENROLL_TIMEOUT_MS),
    });
  } catch (error) {
    const cause = describeNetworkError(error);
    return {
      ok: false,
      message: `could not reach the server at ${serverUrl} (${cause}); check the address and that the server is running.`,
    };
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (response.ok) {
    const parsed = EnrollResponse.safeParse(json);
    if (parsed.success) return { ok: true, response: parsed.data };
    return {
      ok: false,
      message: `${serverUrl} answered but is not a RahatBack server (or an incompatible version); check the address.`,
    };
  }
  return { ok: false, message: describeRefusal(response.status, json) };
}

function describeRefusal(status: number, json: unknown): string {
  const error = ApiError.safeParse(json);
  if (error.success && error.data.code === 'ENROLLMENT_TOKEN_INVALID')
    return 'the enrollment token is invalid, expired or already used; create a new one on the Agents page and run the command again.';
  if (status === 401 || status === 403)
    return 'the server refused the enrollment token; create a new one on the Agents page and run the command again.';
  if (error.success)
    return `the server refused the enrollment (${error.data.code}): ${error.data.message}`;
  return `the server answered HTTP ${status}; check the --server address.`;
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return 'no answer within 15 s';
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  return cause?.code ?? (error instanceof Error ? error.message : String(error));
}

/** Writes atomically with mode 0600 in a 0700 folder: the file holds the agent's credential. */
async function writeConfigFile(path: string, file: AgentConfigFile): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, path);
}

function print(text: string, code: number): number {
  (code === 0 ? process.stdout : process.stderr).write(`${text}\n`);
  return code;
}
