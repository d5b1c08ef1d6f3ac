import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toUser } from '../src/modules/auth/auth.service.js';
import { waitFor } from './fake-agent.js';
import { makeTempDir, registerAccount, startTestApp, type TestApp } from './helpers.js';

/*
 * The supervisor runs `node <entry> run --config <file>`. A stand-in entry records each
 * start and its arguments, then either exits at once (to see restarts) or keeps running.
 */
const standIn = (startsFile: string, isCrashing: boolean) => `
import { appendFileSync } from 'node:fs';
appendFileSync(${JSON.stringify(startsFile)}, JSON.stringify(process.argv.slice(2)) + '\\n');
if (${String(isCrashing)}) process.exit(1);
setInterval(() => {}, 1000);
`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the embedded agent supervisor', () => {
  let t: TestApp;
  const temp = makeTempDir('rahatback-stand-in-');
  const starts = join(temp.dir, 'starts.log');
  const entry = join(temp.dir, 'agent.mjs');

  beforeAll(async () => {
    writeFileSync(entry, standIn(starts, false));
    t = await startTestApp({ RAHATBACK_EMBEDDED_AGENT: 'true', RAHATBACK_AGENT_ENTRY: entry });
  });
  afterAll(async () => {
    await t.close();
    temp.remove();
  });

  const startCount = () =>
    existsSync(starts) ? readFileSync(starts, 'utf8').trim().split('\n').length : 0;
  const findAdmin = async () => {
    const admin = await t.app.container.repos.auth.findFirstAdmin();
    return admin === undefined ? undefined : toUser(admin);
  };
  const supervisor = () => {
    const embedded = t.app.container.embeddedAgent;
    if (embedded === undefined) throw new Error('embedded agent expected');
    return embedded;
  };

  it('waits for the first account, then runs the agent with its config file, and stops it', async () => {
    await supervisor().start(findAdmin);
    await sleep(300);
    expect(startCount()).toBe(0);

    await registerAccount(t.app, 'first@example.com');
    await waitFor(() => Promise.resolve(startCount() === 1));
    const args = JSON.parse(readFileSync(starts, 'utf8').trim()) as string[];
    expect(args).toEqual(['run', '--config', join(t.dataDir, 'embedded-agent.json')]);

    await supervisor().stop();
    await sleep(1500);
    expect(startCount()).toBe(1);
  });

  it('restarts an agent that exits, with a growing delay, until stopped', async () => {
    writeFileSync(entry, standIn(starts, true));
    const before = startCount();
    await supervisor().start(findAdmin);
    await waitFor(() => Promise.resolve(startCount() >= before + 3), 6000);
    await supervisor().stop();
    const after = startCount();
    await sleep(2500);
    expect(startCount()).toBe(after);
  });
});
