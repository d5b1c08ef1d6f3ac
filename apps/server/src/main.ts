import process from 'node:process';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { toUser } from './modules/auth/auth.service.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await buildApp(config);
  await app.listen({ port: config.port, host: config.host });

  const { embeddedAgent, repos } = app.container;
  if (embeddedAgent !== undefined)
    await embeddedAgent.start(async () => {
      const admin = await repos.auth.findFirstAdmin();
      return admin === undefined ? undefined : toUser(admin);
    });

  let isClosing = false;
  const shutdown = (signal: string) => {
    if (isClosing) return;
    isClosing = true;
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  process.stdout.write(`RahatBack is running: open http://localhost:${port}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else
    process.stderr.write(
      `RahatBack cannot start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  process.exit(1);
});
