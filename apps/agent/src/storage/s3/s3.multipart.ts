import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import type { CompletedPart, S3Client } from '@aws-sdk/client-s3';
import { addAbortSignal } from 'node:stream';
import type { Readable } from 'node:stream';
import { StorageError, isNetworkError } from '../storage-errors.js';
import type { PendingUpload } from './s3.cleanup.js';
import { readParts } from './s3.parts.js';
import type { Part } from './s3.parts.js';

export interface UploadTarget {
  Bucket: string;
  Key: string;
}

export interface UploadOptions {
  signal?: AbortSignal;
  expectedSize?: number;
  /** Parts sent at the same time; memory holds about `concurrency + 1` parts. */
  concurrency?: number;
  /** Called when the server could not be reached to abort a failed multipart upload. */
  onAbortUnreachable?: (upload: PendingUpload) => void;
}

/**
 * Streams `body` to S3 without knowing its size. A body smaller than one part is one
 * PutObject; anything larger is a multipart upload whose part size grows with the stream
 * (see s3.parts.ts). Until CompleteMultipartUpload succeeds nothing is visible under the key;
 * on any failure or abort the in-flight parts are stopped and the multipart upload is
 * aborted before this rejects, so no pending parts are left behind (if the server cannot be
 * reached for that, `onAbortUnreachable` gets the upload to abort later).
 *
 * Why not @aws-sdk/lib-storage's Upload: its part size is fixed, so an unknown size forces
 * ~52 MiB parts (for 500 GiB) and ~160 MB of buffers, and its abort() rejects before the
 * multipart upload is actually aborted.
 */
export async function uploadStream(
  client: S3Client,
  target: UploadTarget,
  body: Readable,
  options: UploadOptions = {},
): Promise<{ size: number }> {
  const controller = new AbortController();
  const stopOnAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', stopOnAbort, { once: true });
  if (options.signal?.aborted) controller.abort(options.signal.reason);
  // Waiting for the next bytes must end at once on abort, too.
  addAbortSignal(controller.signal, body);
  try {
    return await upload(client, target, body, options, controller);
  } finally {
    options.signal?.removeEventListener('abort', stopOnAbort);
  }
}

async function upload(
  client: S3Client,
  target: UploadTarget,
  body: Readable,
  options: UploadOptions,
  controller: AbortController,
): Promise<{ size: number }> {
  const abortSignal = controller.signal;
  const parts = readParts(body, options.expectedSize);
  const first = await parts.next();
  if (first.done || first.value.isLast) {
    const data = first.done ? Buffer.alloc(0) : first.value.data;
    await client.send(new PutObjectCommand({ ...target, Body: data, ContentLength: data.length }), {
      abortSignal,
    });
    return { size: data.length };
  }

  const { UploadId } = await client.send(new CreateMultipartUploadCommand(target), {
    abortSignal,
  });
  const uploadId = UploadId ?? '';
  const sender = new PartSender(client, { ...target, UploadId: uploadId }, abortSignal);
  try {
    let size = 0;
    for (let part: Part | undefined = first.value; part; part = await nextPart(parts)) {
      // A stream that ends exactly on a part boundary yields an empty last part: skip it.
      if (part.isLast && part.data.length === 0) break;
      size += part.data.length;
      await sender.whenFree(options.concurrency ?? 2);
      sender.send(part);
    }
    const completed = await sender.all();
    await client.send(
      new CompleteMultipartUploadCommand({
        ...target,
        UploadId: uploadId,
        MultipartUpload: { Parts: completed },
      }),
      { abortSignal },
    );
    return { size };
  } catch (error) {
    controller.abort(error);
    await sender.settle();
    const pending = { ...target, UploadId: uploadId };
    await client.send(new AbortMultipartUploadCommand(pending)).catch((abortError: unknown) => {
      if (isNetworkError(abortError)) options.onAbortUnreachable?.(pending);
    });
    throw error;
  }
}

/** Sends parts with bounded concurrency; the first failure surfaces at the next call. */
class PartSender {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly completed: CompletedPart[] = [];
  private failure: { error: unknown } | undefined;

  constructor(
    private readonly client: S3Client,
    private readonly target: UploadTarget & { UploadId: string },
    private readonly abortSignal: AbortSignal,
  ) {}

  send(part: Part): void {
    const request = this.client
      .send(
        new UploadPartCommand({
          ...this.target,
          PartNumber: part.number,
          Body: part.data,
          ContentLength: part.data.length,
        }),
        { abortSignal: this.abortSignal },
      )
      .then(({ ETag }) => {
        if (!ETag) throw new StorageError('STORAGE_FAILED', missingEtag(part.number));
        this.completed.push({ PartNumber: part.number, ETag });
      })
      .catch((error: unknown) => {
        this.failure ??= { error };
      })
      .finally(() => this.inFlight.delete(request));
    this.inFlight.add(request);
  }

  async whenFree(concurrency: number): Promise<void> {
    while (this.inFlight.size >= concurrency) await Promise.race(this.inFlight);
    this.throwIfFailed();
  }

  async all(): Promise<CompletedPart[]> {
    await this.settle();
    this.throwIfFailed();
    return [...this.completed].sort((a, b) => (a.PartNumber ?? 0) - (b.PartNumber ?? 0));
  }

  async settle(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}

async function nextPart(parts: AsyncGenerator<Part, void>): Promise<Part | undefined> {
  const next = await parts.next();
  return next.done ? undefined : next.value;
}

function missingEtag(partNumber: number): string {
  return `The S3 server accepted part ${partNumber} without an ETag: it does not implement multipart uploads as S3 does; use another server or endpoint.`;
}
