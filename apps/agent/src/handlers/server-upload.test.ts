import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { putToServer } from './server-upload.js';

let server: Server | undefined;

afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

async function listen(handler: Parameters<typeof createServer>[1]): Promise<URL> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/upload`);
}

/** Endless bytes: only an uploader that stops reading them ever ends. */
function endless(): Readable {
  return new Readable({
    read() {
      this.push(Buffer.alloc(64 * 1024));
    },
  });
}

describe('putToServer', () => {
  it('sends every byte with the headers and length given', async () => {
    let received = Buffer.alloc(0);
    let headers: Record<string, unknown> = {};
    const url = await listen((request, response) => {
      headers = request.headers;
      request.on('data', (chunk: Buffer) => (received = Buffer.concat([received, chunk])));
      request.on('end', () => response.writeHead(204).end());
    });
    await putToServer(url, Readable.from([Buffer.from('hello '), Buffer.from('world')]), {
      headers: { 'x-test': 'yes' },
      size: 11,
    });
    expect(received.toString()).toBe('hello world');
    expect(headers['content-length']).toBe('11');
    expect(headers['x-test']).toBe('yes');
  });

  it("stops reading the object when the server refuses, and says the server's sentence", async () => {
    const url = await listen((_request, response) => {
      response
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ code: 'NOT_FOUND', message: 'transfer x is not waiting' }));
    });
    const source = endless();
    await expect(putToServer(url, source, { headers: {} })).rejects.toThrow(
      'HTTP 404: transfer x is not waiting',
    );
    expect(source.destroyed).toBe(true);
  });

  it('fails when the server cuts the upload (the browser went away)', async () => {
    const url = await listen((request) => {
      request.once('data', () => request.socket.destroy());
    });
    const source = endless();
    await expect(putToServer(url, source, { headers: {} })).rejects.toThrow();
    expect(source.destroyed).toBe(true);
  });
});
