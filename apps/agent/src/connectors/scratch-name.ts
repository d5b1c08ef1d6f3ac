import { randomBytes } from 'node:crypto';
import { EngineError } from './engine-error.js';

/** Every scratch database starts with this, so dropScratch can refuse anything else. */
export const SCRATCH_PREFIX = 'rahatback_verify_';

export function newScratchName(): string {
  return `${SCRATCH_PREFIX}${randomBytes(6).toString('hex')}`;
}

/** Guards the DROP DATABASE of verification: only names we made ourselves are dropped. */
export function assertScratchName(name: string): void {
  if (!/^rahatback_verify_[0-9a-f]{12}$/.test(name))
    throw new EngineError(
      'UNSAFE_NAME',
      `refusing to drop "${name}": only scratch databases created for verification (${SCRATCH_PREFIX}…) are dropped`,
    );
}
