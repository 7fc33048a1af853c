// Text encoding detection and decoding, done once here for every reader.
//
// Order of evidence: a forced encoding (`--encoding`) wins; then a byte order mark; then "is it
// valid UTF-8?"; then a guess. The guess leans towards GB18030 because the typical non-UTF-8 input
// is a catalogue that Excel saved on a Chinese Windows (GBK, which GB18030 extends), and chardet
// alone often mistakes short GBK samples for Latin-1, Big5 or Shift_JIS.

import chardet from "chardet";
import iconv from "iconv-lite";
import { SourceError } from "../types.js";

/** How many bytes are looked at to decide the encoding of a stream. */
export const DEFAULT_SAMPLE_SIZE = 64 * 1024;

/** A forced encoding name that iconv-lite does not know. The CLI reports it as bad usage. */
export class UnknownEncodingError extends Error {
  constructor(readonly encoding: string) {
    super(
      `Unknown text encoding "${encoding}". Use a name such as utf-8, utf-16le, utf-16be, gb18030, gbk, big5 or shift_jis.`,
    );
    this.name = "UnknownEncodingError";
  }
}

/** Returns the encoding name as given when iconv-lite supports it, else throws UnknownEncodingError. */
export function resolveEncodingName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed || !iconv.encodingExists(trimmed)) throw new UnknownEncodingError(name);
  return trimmed.toLowerCase();
}

export interface DetectOptions {
  /** Forced encoding: returned as is (after validation), no detection. */
  encoding?: string;
  /**
   * True when the sample is the whole file. When false, a multi-byte UTF-8 sequence cut at the
   * end of the sample does not count against UTF-8.
   */
  complete?: boolean;
}

/** The encoding of a byte sample, as an iconv-lite name: `utf-8`, `utf-16le`, `gb18030`, ... */
export function detectEncoding(sample: Uint8Array, options: DetectOptions = {}): string {
  if (options.encoding) return resolveEncodingName(options.encoding);
  const bom = encodingFromBom(sample);
  if (bom) return bom;
  if (isUtf8(sample, options.complete ?? true)) return "utf-8";
  // A UTF-8 file with a few broken bytes (a truncated paste, one stray Latin-1 byte) is still
  // UTF-8: decoded as such, the bad bytes become U+FFFD and the rest keeps its meaning, where a
  // legacy guess would turn every Chinese character into mojibake and hide what it says.
  if (isMostlyUtf8(sample, options.complete ?? true)) return "utf-8";
  return guessLegacyEncoding(sample);
}

/**
 * Whether `bytes` are UTF-8 with rare invalid bytes: at least 4 well-formed multi-byte sequences
 * and at most one invalid byte per 10 of them. Text in a legacy multi-byte encoding (GBK, Big5,
 * Shift_JIS) has many invalid bytes when read as UTF-8; single-byte Latin text has no sequences.
 */
export function isMostlyUtf8(bytes: Uint8Array, complete = true): boolean {
  let sequences = 0;
  let invalid = 0;
  const n = bytes.length;
  for (let i = 0; i < n; ) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const size = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (size > 0 && i + size > n && !complete) break; // a character cut at the end of the sample
    let ok = size > 0 && i + size <= n;
    for (let k = 1; ok && k < size; k++) {
      const byte = bytes[i + k]!;
      let low = 0x80;
      let high = 0xbf;
      if (k === 1 && lead === 0xe0) low = 0xa0; // overlong
      if (k === 1 && lead === 0xed) high = 0x9f; // surrogates
      if (k === 1 && lead === 0xf0) low = 0x90; // overlong
      if (k === 1 && lead === 0xf4) high = 0x8f; // above U+10FFFF
      ok = byte >= low && byte <= high;
    }
    if (ok) {
      sequences++;
      i += size;
    } else {
      invalid++;
      i++;
    }
  }
  return sequences >= 4 && invalid * 10 <= sequences;
}

/** The encoding a byte order mark announces, if the sample starts with one. */
export function encodingFromBom(sample: Uint8Array): string | undefined {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return "utf-8";
  if (sample[0] === 0xff && sample[1] === 0xfe) return "utf-16le";
  if (sample[0] === 0xfe && sample[1] === 0xff) return "utf-16be";
  return undefined;
}

/**
 * Whether `bytes` is valid UTF-8. With `complete` false, an incomplete sequence at the very end is
 * accepted: a fixed-size sample of a UTF-8 file often ends in the middle of a character.
 */
export function isUtf8(bytes: Uint8Array, complete = true): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

/** Picks an encoding for bytes that are not UTF-8. */
function guessLegacyEncoding(sample: Uint8Array): string {
  const matches = chardet.analyse(sample);
  const best = matches[0];
  if (best && /^GB/i.test(best.name)) return "gb18030";
  if (best && /^UTF-(16|32)/i.test(best.name)) return best.name.toLowerCase();
  // A confident vote for another East Asian multi-byte encoding is believed; otherwise text that
  // is structurally GBK (and mostly in the GB2312 range, unlike accented Latin-1) is GBK.
  if (best && best.confidence >= 50 && /^(Big5|Shift_JIS|EUC-JP|EUC-KR)$/i.test(best.name)) {
    return best.name.toLowerCase();
  }
  if (looksLikeGbk(sample)) return "gb18030";
  if (best && iconv.encodingExists(best.name)) return best.name.toLowerCase();
  return "utf-8";
}

/**
 * Whether every non-ASCII byte belongs to a well-formed GBK/GB18030 sequence and most two-byte
 * characters have a high trail byte (the GB2312 block, where everyday Chinese lives). Latin-1 text
 * fails the second test: its accented letters are single high bytes between ASCII letters.
 */
export function looksLikeGbk(bytes: Uint8Array): boolean {
  let pairs = 0;
  let gb2312Pairs = 0;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const lead = bytes[i]!;
    if (lead < 0x80) continue;
    if (lead === 0x80 || lead === 0xff) return false;
    if (i + 1 >= n) break; // cut at the end of the sample
    const trail = bytes[i + 1]!;
    if (trail >= 0x30 && trail <= 0x39) {
      // GB18030 four-byte sequence: lead, 0x30-0x39, 0x81-0xFE, 0x30-0x39.
      if (i + 3 >= n) break;
      const third = bytes[i + 2]!;
      const fourth = bytes[i + 3]!;
      if (third < 0x81 || third > 0xfe || fourth < 0x30 || fourth > 0x39) return false;
      i += 3;
      continue;
    }
    if (trail < 0x40 || trail === 0x7f || trail === 0xff) return false;
    pairs++;
    if (lead >= 0xa1 && trail >= 0xa1) gb2312Pairs++;
    i += 1;
  }
  return pairs > 0 && gb2312Pairs * 2 >= pairs;
}

/**
 * Whether a sample looks like a binary file rather than text: NUL bytes are never part of text in
 * the single- and double-byte encodings we accept (UTF-16 is recognised before this is asked).
 */
export function looksBinary(sample: Uint8Array, encoding: string): boolean {
  if (/^utf-?(16|32)/i.test(encoding)) return false;
  const n = Math.min(sample.length, 8192);
  for (let i = 0; i < n; i++) if (sample[i] === 0) return true;
  return false;
}

export interface DecodeOptions {
  /** Forced encoding (`--encoding`). */
  encoding?: string;
  /** Bytes inspected for detection (streams only). */
  sampleSize?: number;
  /** File path, for the binary-file error message. */
  filePath?: string;
}

/** Decodes a whole buffer (small files): the encoding used and the text, BOM removed. */
export function decodeBuffer(
  bytes: Uint8Array,
  options: DecodeOptions = {},
): { encoding: string; text: string } {
  const sampleSize = options.sampleSize ?? DEFAULT_SAMPLE_SIZE;
  const sample = bytes.subarray(0, sampleSize);
  const encoding = detectEncoding(sample, {
    encoding: options.encoding,
    complete: bytes.length <= sampleSize,
  });
  if (!options.encoding) assertText(sample, encoding, options.filePath);
  return { encoding, text: iconv.decode(bytes, encoding) };
}

export interface DecodedStream {
  encoding: string;
  /** Decoded text in chunks, BOM removed. Iterate once. */
  chunks: AsyncIterable<string>;
}

/**
 * Turns a byte stream into a stream of decoded strings without reading the whole file: it reads a
 * sample to detect the encoding, then decodes the sample and the rest chunk by chunk with an
 * iconv-lite decoder (which keeps multi-byte characters split across chunks intact).
 */
export async function decodeStream(
  source: AsyncIterable<Uint8Array | string>,
  options: DecodeOptions = {},
): Promise<DecodedStream> {
  const sampleSize = options.sampleSize ?? DEFAULT_SAMPLE_SIZE;
  const iterator = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let headSize = 0;
  let exhausted = false;
  try {
    while (headSize < sampleSize) {
      const next = await iterator.next();
      if (next.done) {
        exhausted = true;
        break;
      }
      const chunk = toBuffer(next.value);
      head.push(chunk);
      headSize += chunk.length;
    }
  } catch (error) {
    await iterator.return?.();
    throw error;
  }
  const sample = Buffer.concat(head).subarray(0, sampleSize);
  let encoding: string;
  try {
    encoding = detectEncoding(sample, { encoding: options.encoding, complete: exhausted });
    if (!options.encoding) assertText(sample, encoding, options.filePath);
  } catch (error) {
    await iterator.return?.();
    throw error;
  }

  async function* decodeChunks(): AsyncGenerator<string> {
    const decoder = iconv.getDecoder(encoding);
    try {
      for (const chunk of head) {
        const text = decoder.write(chunk);
        if (text) yield text;
      }
      head.length = 0; // let the sample be collected while the rest streams
      while (!exhausted) {
        const next = await iterator.next();
        if (next.done) break;
        const text = decoder.write(toBuffer(next.value));
        if (text) yield text;
      }
      const rest = decoder.end();
      if (rest) yield rest;
    } finally {
      // Closes the file when the consumer stops early (break, error).
      await iterator.return?.();
    }
  }

  return { encoding, chunks: decodeChunks() };
}

function assertText(sample: Uint8Array, encoding: string, filePath?: string): void {
  if (looksBinary(sample, encoding)) {
    const name = filePath ? ` "${filePath}"` : "";
    throw new SourceError(`File${name} looks binary (it contains NUL bytes), not text.`);
  }
}

function toBuffer(chunk: Uint8Array | string): Buffer {
  if (typeof chunk === "string") return Buffer.from(chunk, "utf8");
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}
