import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { constantTimeEqual } from '../../crypto/tokens.js';

export interface TransferTimes {
  /** How long the agent's upload may take to arrive once the transfer is open. */
  uploadWaitMs: number;
  /** How long an arrived upload waits, paused, for the browser to follow its link. */
  linkMs: number;
}

export interface OpenedTransfer {
  id: string;
  secret: string;
  /** Resolves true when the agent's upload is here, false when it did not come in time. */
  arrived: Promise<boolean>;
}

export interface ArrivedUpload {
  body: Readable;
  size: number | undefined;
  fileName: string;
}

export type AttachOutcome =
  { kind: 'attached'; consumed: Promise<boolean> } | { kind: 'unknown' } | { kind: 'forbidden' };

interface Transfer {
  id: string;
  secret: string;
  ownerId: string;
  agentId: string;
  fileName: string;
  upload: { body: Readable; size: number | undefined } | undefined;
  timer: NodeJS.Timeout;
  settleArrival: (isHere: boolean) => void;
}

/**
 * The transfers of this server process, in memory: each joins one agent upload (an HTTP
 * request body) to one browser response. Nothing is buffered: an arrived upload stays
 * paused, so TCP holds the agent back, until the browser reads it or the link expires.
 */
export function createTransferRelay(times: TransferTimes) {
  const transfers = new Map<string, Transfer>();

  const drop = (transfer: Transfer): void => {
    clearTimeout(transfer.timer);
    transfers.delete(transfer.id);
    transfer.settleArrival(false);
    transfer.upload?.body.destroy();
  };

  return {
    open(ownerId: string, agentId: string, fileName: string): OpenedTransfer {
      const id = randomBytes(16).toString('hex');
      const secret = randomBytes(32).toString('base64url');
      let settleArrival: (isHere: boolean) => void = () => {};
      const arrived = new Promise<boolean>((resolve) => (settleArrival = resolve));
      const transfer: Transfer = {
        id,
        secret,
        ownerId,
        agentId,
        fileName,
        upload: undefined,
        settleArrival,
        timer: setTimeout(() => drop(transfer), times.uploadWaitMs),
      };
      transfers.set(id, transfer);
      return { id, secret, arrived };
    },

    /**
     * The agent's upload arrives. `consumed` resolves true once the browser read all of it,
     * false when either side went away (the body is destroyed then).
     */
    attach(
      id: string,
      agentId: string,
      secret: string,
      body: Readable,
      size: number | undefined,
    ): AttachOutcome {
      const transfer = transfers.get(id);
      if (transfer === undefined || transfer.upload !== undefined) return { kind: 'unknown' };
      if (transfer.agentId !== agentId || !constantTimeEqual(transfer.secret, secret))
        return { kind: 'forbidden' };
      transfer.upload = { body, size };
      clearTimeout(transfer.timer);
      transfer.timer = setTimeout(() => drop(transfer), times.linkMs);
      // An upload cut while it waits for the browser leaves nothing to download.
      body.once('close', () => {
        if (transfers.get(id) === transfer) drop(transfer);
      });
      transfer.settleArrival(true);
      return {
        kind: 'attached',
        consumed: finished(body).then(
          () => true,
          () => false,
        ),
      };
    },

    /** Hands an arrived upload to its owner's browser, once. */
    take(ownerId: string, id: string): ArrivedUpload | undefined {
      const transfer = transfers.get(id);
      if (transfer?.upload === undefined || transfer.ownerId !== ownerId) return undefined;
      clearTimeout(transfer.timer);
      transfers.delete(id);
      return { ...transfer.upload, fileName: transfer.fileName };
    },

    cancel(id: string): void {
      const transfer = transfers.get(id);
      if (transfer !== undefined) drop(transfer);
    },

    /** Ends every transfer (the server is closing): agents see their upload cut. */
    close(): void {
      for (const transfer of [...transfers.values()]) drop(transfer);
    },
  };
}

export type TransferRelay = ReturnType<typeof createTransferRelay>;
