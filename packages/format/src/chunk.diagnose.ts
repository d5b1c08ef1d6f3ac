import { openRecord, type ChunkKeying, MAX_CHUNK_INDEX } from './chunk.cipher.js';
import { MAGIC, TAG_LENGTH } from './format.constants.js';
import { FormatError } from './format.errors.js';

// Runs only once a record has failed, to name the fault instead of a bare "corrupted".
// Every search is bounded so that a damaged file is refused in well under a second.

/** How far from its position a moved chunk is looked for. */
const REORDER_WINDOW = 64;
/** Bytes of trial decryption spent looking for where the last chunk really ends. */
const TRAILING_SEARCH_BUDGET = 256 * 1024 * 1024;
/** Trial decryptions spent on that search (a failed one costs tens of microseconds). */
const TRAILING_SEARCH_ATTEMPTS = 8192;

/** Returns the index the record was sealed for, if it is a nearby chunk in the wrong place. */
function findMovedChunk(keying: ChunkKeying, index: number, record: Buffer): number | undefined {
  const from = Math.max(0, index - REORDER_WINDOW);
  const to = Math.min(MAX_CHUNK_INDEX, index + REORDER_WINDOW);
  for (let candidate = from; candidate <= to; candidate++) {
    if (candidate !== index && openRecord(keying, candidate, false, record) !== undefined) {
      return candidate;
    }
  }
  return undefined;
}

/** Record lengths worth trying as "the last chunk ends here", cheapest and likeliest first. */
function* lastChunkLengths(bytes: Buffer): Generator<number> {
  for (let at = bytes.indexOf(MAGIC); at >= TAG_LENGTH; at = bytes.indexOf(MAGIC, at + 1)) {
    yield at; // another file appended after this one
  }
  // Alternate between a short last chunk and a short tail of garbage.
  let short = TAG_LENGTH;
  let long = bytes.length - 1;
  while (short <= long) {
    yield short++;
    if (short <= long) yield long--;
  }
}

/** Returns the length of a valid last record at the start of `bytes`, if one is found. */
function findLastChunkEnd(keying: ChunkKeying, index: number, bytes: Buffer): number | undefined {
  let spent = 0;
  let attempts = 0;
  for (const length of lastChunkLengths(bytes)) {
    spent += length;
    if (spent > TRAILING_SEARCH_BUDGET || ++attempts > TRAILING_SEARCH_ATTEMPTS) return undefined;
    if (openRecord(keying, index, true, bytes.subarray(0, length)) !== undefined) return length;
  }
  return undefined;
}

function trailing(index: number, extra: number | 'more'): FormatError {
  const amount = extra === 'more' ? 'more bytes' : `${extra} byte${extra === 1 ? '' : 's'}`;
  return new FormatError(
    'TRAILING_DATA',
    `trailing data: ${amount} ${extra === 1 ? 'follows' : 'follow'} the last chunk (chunk ${index}); the file was appended to or copied badly, so it is refused whole`,
  );
}

/** The error for a full-size record that failed to authenticate at `index`. */
export function diagnoseFullRecord(
  keying: ChunkKeying,
  index: number,
  record: Buffer,
): FormatError {
  const moved = findMovedChunk(keying, index, record);
  if (moved !== undefined) {
    return new FormatError(
      'CORRUPTED',
      `corrupted at chunk ${index}: it holds chunk ${moved} (chunks were reordered, duplicated or dropped)`,
    );
  }
  if (findLastChunkEnd(keying, index, record) !== undefined) return trailing(index, 'more');
  const hint =
    index === 0 ? 'the header or this chunk was altered' : 'this chunk was altered or damaged';
  return new FormatError(
    'CORRUPTED',
    `corrupted at chunk ${index}: authentication tag mismatch (${hint})`,
  );
}

/** The error for the final, shorter record that failed to authenticate as the last chunk. */
export function diagnoseFinalRecord(keying: ChunkKeying, index: number, rest: Buffer): FormatError {
  const end = findLastChunkEnd(keying, index, rest);
  if (end !== undefined) return trailing(index, rest.length - end);
  return new FormatError(
    'TRUNCATED',
    `truncated or corrupted at chunk ${index}: the file ends with a record that does not authenticate as the last chunk (it was cut short mid-chunk, or altered)`,
  );
}
