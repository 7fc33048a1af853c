// Small async-iterable helpers over decoded text chunks, shared by the readers.

import type { SourceInput } from "../types.js";
import { decodeStream } from "./encoding.js";

/** Opens a source and decodes it as a stream of text chunks (BOM removed). */
export async function openText(input: SourceInput): Promise<AsyncIterable<string>> {
  const decoded = await decodeStream(input.open(), {
    encoding: input.encoding,
    filePath: input.filePath,
  });
  return decoded.chunks;
}

/** The whole decoded text of a source: for formats that are parsed as one document. */
export async function readWholeText(input: SourceInput): Promise<string> {
  const parts: string[] = [];
  for await (const chunk of await openText(input)) parts.push(chunk);
  return parts.join("");
}

/**
 * Reads chunks until at least `minLength` characters (or the end) are at hand, without losing
 * them: `head` is that text, `chunks` replays it followed by the rest.
 */
export async function peekText(
  source: AsyncIterable<string>,
  minLength: number,
): Promise<{ head: string; chunks: AsyncIterable<string> }> {
  const iterator = source[Symbol.asyncIterator]();
  const seen: string[] = [];
  let length = 0;
  let done = false;
  while (length < minLength) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    seen.push(next.value);
    length += next.value.length;
  }
  const head = seen.join("");
  async function* replay(): AsyncGenerator<string> {
    try {
      if (head) yield head;
      while (!done) {
        const next = await iterator.next();
        if (next.done) break;
        yield next.value;
      }
    } finally {
      await iterator.return?.();
    }
  }
  return { head, chunks: replay() };
}

/**
 * Rewrites `\r\n` and a lone `\r` (classic Mac) as `\n`, also when a `\r\n` pair is split
 * between two chunks. Line numbers stay those an editor shows, and columns do not move, because
 * a `\r` only ever ends a line.
 */
export async function* normalizeLineBreaks(source: AsyncIterable<string>): AsyncGenerator<string> {
  let pendingCr = false;
  for await (let chunk of source) {
    if (!chunk) continue;
    if (pendingCr && chunk[0] === "\n") chunk = chunk.slice(1); // the "\n" of a split "\r\n"
    pendingCr = chunk.endsWith("\r");
    const text = chunk.includes("\r") ? chunk.replace(/\r\n?/g, "\n") : chunk;
    if (text) yield text;
  }
}

export interface TextLine {
  /** The line without its line break (and without a `\r` before it). */
  text: string;
  /** 1-based line number. */
  line: number;
}

/**
 * Splits decoded chunks into lines as they stream; only the current line is buffered. A line ends
 * at `\n`, `\r\n` or a lone `\r`, as editors count lines.
 */
export async function* splitLines(source: AsyncIterable<string>): AsyncGenerator<TextLine> {
  let pending: string[] = [];
  let line = 1;
  for await (const chunk of normalizeLineBreaks(source)) {
    let from = 0;
    for (let nl = chunk.indexOf("\n"); nl !== -1; nl = chunk.indexOf("\n", from)) {
      pending.push(chunk.slice(from, nl));
      yield { text: detached(stripCr(pending.join(""))), line: line++ };
      pending = [];
      from = nl + 1;
    }
    if (from < chunk.length) pending.push(chunk.slice(from));
  }
  const last = pending.join("");
  if (last) yield { text: detached(stripCr(last)), line };
}

/**
 * A copy of `text` that does not keep the chunk it was cut from alive. V8 makes a substring a view
 * of its parent; a message quoting a few characters of a line would then hold the whole chunk, and
 * a JSON Lines run kept one per violating line (~1 KB a row of heap growth). Slicing a
 * concatenation makes V8 flatten it into a fresh string of the line's own size, still behind a
 * 32-byte view; a short text (the `match` of a message, held until the report) is copied whole
 * through JSON instead (~0.3 µs), which saves that view on each of a big export's messages.
 */
export function detached(text: string): string {
  return text.length <= SHORT_COPY ? (JSON.parse(JSON.stringify(text)) as string) : (" " + text).slice(1);
}
const SHORT_COPY = 256;

function stripCr(text: string): string {
  return text.endsWith("\r") ? text.slice(0, -1) : text;
}
