import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { z } from 'zod';
import { UsageError } from './usage-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses `argv` against the command's options, then validates the values with `schema`.
 * Unknown options, stray arguments and invalid values become a UsageError naming the option.
 */
export function parseCommandArgs<S extends z.ZodType>(
  argv: string[],
  options: Options,
  schema: S,
): z.infer<S> {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.map(String).join('.');
      return name === '' ? issue.message : `--${name}: ${issue.message}`;
    });
    throw new UsageError(problems.join('; '));
  }
  return parsed.data;
}

export function wantsHelp(argv: string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}
