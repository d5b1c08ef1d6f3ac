import process from 'node:process';

type Command = { run(argv: string[]): Promise<number> };

// Each command lives in its own module and is loaded only when asked for.
const commands: Record<string, () => Promise<Command>> = {
  enroll: () => import('./commands/enroll.js'),
  run: () => import('./commands/run.js'),
  backup: () => import('./commands/backup.js'),
  restore: () => import('./commands/restore.js'),
  encrypt: () => import('./commands/encrypt.js'),
  decrypt: () => import('./commands/decrypt.js'),
};

const usage = `usage: rahatback-agent <command> [options]

commands:
  enroll   --server URL --token T      trade a one-time token for this agent's credential
  run                                  connect to the server and do what it asks
  backup   --db URL --to DEST          back up a database without a server
  restore  --from SRC --to URL         restore a backup without a server
  encrypt  --passphrase-file F         stdin → RahatBack file on stdout
  decrypt  --passphrase-file F         RahatBack file on stdin → stdout

run "rahatback-agent <command> --help" for a command's options.`;

async function main(): Promise<number> {
  const [name, ...rest] = process.argv.slice(2);
  const load = name === undefined ? undefined : commands[name];
  if (load === undefined) {
    process.stderr.write(`${usage}\n`);
    return name === undefined || name === '--help' ? 0 : 2;
  }
  return (await load()).run(rest);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `rahatback-agent: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
