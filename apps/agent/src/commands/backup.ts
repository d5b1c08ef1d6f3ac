// Placeholder until the command is built; its owner replaces this file.
export function run(_argv: string[]): Promise<number> {
  return Promise.reject(new Error('the "backup" command is not built yet'));
}
