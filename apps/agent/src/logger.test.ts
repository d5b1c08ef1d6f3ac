import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

function capture() {
  let text = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { logger: createLogger('info', sink), text: () => text };
}

describe('the agent logger', () => {
  it('redacts secrets wherever they sit in a logged payload', () => {
    const { logger, text } = capture();
    logger.info(
      {
        credential: 'cred-1',
        connection: { host: 'db', password: 'pw-1' },
        request: {
          database: { password: 'pw-2' },
          encryption: { passphrase: 'pass-1' },
          destinations: [{ target: { secrets: { secretAccessKey: 'key-1', privateKey: 'pk-1' } } }],
        },
      },
      'command received',
    );
    const line = text();
    for (const secret of ['cred-1', 'pw-1', 'pw-2', 'pass-1', 'key-1', 'pk-1'])
      expect(line).not.toContain(secret);
    expect(line).toContain('"host":"db"');
    expect(line).toContain('[redacted]');
  });
});
