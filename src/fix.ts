// Applying fixes (`--fix`, `--fix-dry-run`): the pure part — fixes applied to a text as ESLint's
// SourceCodeFixer does — and the file part — the fixed text written back in the file's own
// encoding, atomically.
//
// A file is decoded once (`decodeForFix`); fixes are ranges in that decoded text (BOM removed, as
// ESLint); the output is encoded the way the file was (UTF-8 with or without BOM, UTF-16 LE/BE
// with BOM, GB18030/GBK, ...). Line endings are never touched: fixes replace ranges in place, so
// every `\r\n` outside them stays as it was. A file whose bytes would not survive a decode/encode
// round trip unchanged (invalid bytes, a lossy legacy encoding) is not fixed at all.

import { randomBytes } from "node:crypto";
import { closeSync, fchmodSync, fsyncSync, mkdirSync, openSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import iconv from "iconv-lite";
import { decodeBuffer, encodingFromBom } from "./sources/encoding.js";
import { lineStartOffsets } from "./sources/location.js";
import type { FileFix, Position, RawEdit } from "./types.js";

/** How many lint → fix rounds a file gets at most (as ESLint). */
export const MAX_FIX_PASSES = 10;

export interface ApplyResult {
  /** The text with the applied fixes. */
  output: string;
  /** Fixes applied, in text order. */
  applied: FileFix[];
  /** Fixes left for a later pass: overlapping (or touching) an applied one, or malformed. */
  remaining: FileFix[];
}

/**
 * Applies non-overlapping fixes to `text`, as ESLint's SourceCodeFixer: fixes are sorted by range
 * (start, then end), and a fix that starts before the end of the last applied one — or exactly at
 * it, so two edits never meet at one point — is left in `remaining` for the next pass, after the
 * file has been linted again. Malformed ranges (negative, reversed, past the end) are never applied.
 */
export function applyFixes(text: string, fixes: readonly FileFix[]): ApplyResult {
  const applied: FileFix[] = [];
  const remaining: FileFix[] = [];
  const valid: FileFix[] = [];
  for (const fix of fixes) {
    const [start, end] = fix.range;
    if (Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= text.length && typeof fix.text === "string") valid.push(fix);
    else remaining.push(fix);
  }
  valid.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const parts: string[] = [];
  let lastEnd = -1;
  for (const fix of valid) {
    const [start, end] = fix.range;
    if (start <= lastEnd) {
      remaining.push(fix);
      continue;
    }
    parts.push(text.slice(Math.max(0, lastEnd), start), fix.text);
    lastEnd = end;
    applied.push(fix);
  }
  if (applied.length === 0) return { output: text, applied, remaining };
  parts.push(text.slice(lastEnd));
  return { output: parts.join(""), applied, remaining };
}

// ---------------------------------------------------------------------------
// Placing a reader's edit in the file text.

/** A file's decoded text with its line starts (after each line break, as the readers count lines). */
export class FileText {
  private starts: number[] | undefined;

  constructor(readonly text: string) {}

  /** Offset of a 1-based line/column (UTF-16 columns), or undefined when it is not in the text. */
  offsetAt({ line, column }: Position): number | undefined {
    const starts = (this.starts ??= lineStarts(this.text));
    const start = starts[line - 1];
    if (start === undefined || column < 1) return undefined;
    const next = starts[line];
    const offset = start + column - 1;
    const limit = next === undefined ? this.text.length : next - 1;
    return offset <= limit ? offset : undefined;
  }

  /**
   * The file fix for a reader's edit: its offsets (given, or from its line/column positions), after
   * checking that the file really holds the raw text the reader meant to replace (line breaks
   * compared as `\n`, since some readers normalise them). Undefined when they disagree.
   */
  fixFor(edit: RawEdit): FileFix | undefined {
    const start = edit.range ? edit.range[0] : this.offsetAt(edit.from);
    const end = edit.range ? edit.range[1] : this.offsetAt(edit.to);
    if (start === undefined || end === undefined || start > end || end > this.text.length) return undefined;
    if (unifyBreaks(this.text.slice(start, end)) !== unifyBreaks(edit.expect)) return undefined;
    return { range: [start, end], text: edit.text };
  }
}

function lineStarts(text: string): number[] {
  return [0, ...lineStartOffsets(text)];
}

function unifyBreaks(text: string): string {
  return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
}

// ---------------------------------------------------------------------------
// Encodings.

/** How a file's text is written: its encoding and whether it starts with a byte order mark. */
export interface TextEncoding {
  encoding: string;
  bom: boolean;
}

export interface DecodedFile extends TextEncoding {
  /** The decoded text, BOM removed. */
  text: string;
  /** Whether encoding `text` again gives the original bytes exactly (else the file must not be rewritten). */
  roundTrips: boolean;
}

/** Decodes a file for fixing: detected (or forced) encoding, BOM, text, and the round-trip check. */
export function decodeForFix(bytes: Buffer, options: { encoding?: string; filePath?: string } = {}): DecodedFile {
  const { encoding, text } = decodeBuffer(bytes, { encoding: options.encoding, filePath: options.filePath });
  const bom = hasBom(bytes, encoding);
  const roundTrips = encodeText(text, { encoding, bom }).equals(bytes);
  return { encoding, bom, text, roundTrips };
}

/** Whether `bytes` start with the byte order mark of `encoding`. */
function hasBom(bytes: Uint8Array, encoding: string): boolean {
  const announced = encodingFromBom(bytes);
  return announced !== undefined && normalizeName(announced) === normalizeName(encoding);
}

function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** `text` in `encoding`, with that encoding's byte order mark first when `bom` is set. */
export function encodeText(text: string, { encoding, bom }: TextEncoding): Buffer {
  const body = iconv.encode(text, encoding, { addBOM: false });
  if (!bom) return body;
  const mark = iconv.encode("\ufeff", encoding, { addBOM: false });
  return Buffer.concat([mark, body]);
}

// ---------------------------------------------------------------------------
// Writing.

/**
 * Writes `bytes` to `target` atomically: into a temporary file in the same folder (so the rename
 * stays on one file system), flushed, then renamed over the target. A reader never sees a half
 * written file, and the temporary file is removed if anything fails. An existing target keeps its
 * permission bits. Missing folders are created (for `--fix-output`).
 */
export function writeFileAtomic(target: string, bytes: Uint8Array): void {
  const folder = dirname(target);
  mkdirSync(folder, { recursive: true });
  let mode: number | undefined;
  try {
    mode = statSync(target).mode & 0o7777;
  } catch {
    mode = undefined;
  }
  const temp = join(folder, `.${basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}.offsite-lint-tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, "wx", mode ?? 0o666);
    if (mode !== undefined) fchmodSync(fd, mode); // exact bits, whatever the umask
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, target);
  } catch (error) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        /* already closed */
      }
    }
    try {
      unlinkSync(temp);
    } catch {
      /* never created, or already renamed */
    }
    throw error;
  }
}
