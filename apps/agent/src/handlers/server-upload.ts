import type { IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** How much of an error answer is read for its sentence. */
const MAX_ANSWER_BYTES = 8 * 1024;

export interface ServerUploadOptions {
  headers: Record<string, string>;
  /** Sent as Content-Length when known, so the browser on the other side sees a length. */
  size?: number | undefined;
}

/**
 * PUTs `body` to `url` with backpressure end to end: the body is read only as fast as the
 * server takes it. Rejects when the server refuses the upload (with its sentence) or cuts it
 * (the user's browser went away); the body is destroyed either way.
 */
export async function putToServer(
  url: URL,
  body: Readable,
  options: ServerUploadOptions,
): Promise<void> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const request = send(url, {
    method: 'PUT',
    headers: {
      ...options.headers,
      'content-type': 'application/octet-stream',
      ...(options.size !== undefined && { 'content-length': String(options.size) }),
    },
  });
  const answered = new Promise<IncomingMessage>((resolve, reject) => {
    request.once('response', resolve);
    request.once('error', reject);
  });
  const sent = pipeline(body, request).then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
  );
  let response: IncomingMessage;
  try {
    response = await answered;
  } catch (error) {
    await sent;
    throw error;
  }
  const text = await readAnswer(response);
  if (response.statusCode === undefined || response.statusCode >= 300) {
    // Refused before the end (unknown or expired transfer): stop sending what nobody reads.
    request.destroy();
    body.destroy();
    await sent;
    throw new Error(
      `the server refused the upload with HTTP ${response.statusCode}: ${sentenceOf(text)}`,
    );
  }
  const failure = await sent;
  if (failure !== undefined) throw failure;
}

async function readAnswer(response: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of response) {
    if (text.length < MAX_ANSWER_BYTES) text += String(chunk);
  }
  return text.slice(0, MAX_ANSWER_BYTES);
}

function sentenceOf(text: string): string {
  try {
    const message = (JSON.parse(text) as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  } catch {
    // not JSON: the raw text is the best there is
  }
  return text === '' ? 'no details' : text;
}
