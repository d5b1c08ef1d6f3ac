import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTransferRelay } from './downloads.transfers.js';

const times = { uploadWaitMs: 1000, linkMs: 5000 };

afterEach(() => {
  vi.useRealTimers();
});

describe('transfer relay', () => {
  it('hands an arrived upload to its owner once, with its name and size', async () => {
    const relay = createTransferRelay(times);
    const opened = relay.open('owner-1', 'agent-1', 'db.dump.zst.rbk');
    const body = new PassThrough();
    const outcome = relay.attach(opened.id, 'agent-1', opened.secret, body, 3);
    expect(outcome.kind).toBe('attached');
    expect(await opened.arrived).toBe(true);
    expect(relay.take('owner-2', opened.id)).toBeUndefined();
    const upload = relay.take('owner-1', opened.id);
    expect(upload).toMatchObject({ fileName: 'db.dump.zst.rbk', size: 3 });
    expect(relay.take('owner-1', opened.id)).toBeUndefined();
    upload?.body.resume();
    body.end('abc');
    if (outcome.kind === 'attached') expect(await outcome.consumed).toBe(true);
  });

  it('refuses an upload from another agent or with the wrong secret, and a second upload', () => {
    const relay = createTransferRelay(times);
    const opened = relay.open('owner-1', 'agent-1', 'f');
    expect(relay.attach(opened.id, 'agent-2', opened.secret, new PassThrough(), 1).kind).toBe(
      'forbidden',
    );
    expect(relay.attach(opened.id, 'agent-1', 'x'.repeat(43), new PassThrough(), 1).kind).toBe(
      'forbidden',
    );
    expect(relay.attach('unknown', 'agent-1', opened.secret, new PassThrough(), 1).kind).toBe(
      'unknown',
    );
    expect(relay.attach(opened.id, 'agent-1', opened.secret, new PassThrough(), 1).kind).toBe(
      'attached',
    );
    expect(relay.attach(opened.id, 'agent-1', opened.secret, new PassThrough(), 1).kind).toBe(
      'unknown',
    );
  });

  it('gives up on an upload that does not come in time', async () => {
    vi.useFakeTimers();
    const relay = createTransferRelay(times);
    const opened = relay.open('owner-1', 'agent-1', 'f');
    vi.advanceTimersByTime(times.uploadWaitMs);
    expect(await opened.arrived).toBe(false);
    expect(relay.attach(opened.id, 'agent-1', opened.secret, new PassThrough(), 1).kind).toBe(
      'unknown',
    );
  });

  it('ends an upload whose browser never comes, and forgets an upload the agent cut', async () => {
    vi.useFakeTimers();
    const relay = createTransferRelay(times);
    const waiting = relay.open('owner-1', 'agent-1', 'f');
    const unclaimed = new PassThrough();
    const outcome = relay.attach(waiting.id, 'agent-1', waiting.secret, unclaimed, 1);
    vi.advanceTimersByTime(times.linkMs);
    expect(unclaimed.destroyed).toBe(true);
    if (outcome.kind === 'attached') expect(await outcome.consumed).toBe(false);
    expect(relay.take('owner-1', waiting.id)).toBeUndefined();

    const cut = relay.open('owner-1', 'agent-1', 'f');
    const body = new PassThrough();
    relay.attach(cut.id, 'agent-1', cut.secret, body, 1);
    body.destroy();
    await vi.runAllTimersAsync();
    expect(relay.take('owner-1', cut.id)).toBeUndefined();
  });

  it('cuts every waiting upload when the server closes', () => {
    const relay = createTransferRelay(times);
    const opened = relay.open('owner-1', 'agent-1', 'f');
    const body = new PassThrough();
    relay.attach(opened.id, 'agent-1', opened.secret, body, 1);
    relay.close();
    expect(body.destroyed).toBe(true);
  });
});
