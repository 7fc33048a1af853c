// The labelled corpus (../shared/corpus/SCHEMA.md): JSON Lines, one case per line.
// Pure: parses text, never touches the file system.

import { CATEGORIES, type Category } from "../types.js";

export interface CorpusSpan {
  /** The exact substring a reviewer would highlight (verbatim in the case's text). */
  text: string;
  category: Category;
}

interface CaseBase {
  id: string;
  lang: string;
  expect: Category[];
  spans: CorpusSpan[];
  note: string;
  /** 1-based line of the case in the corpus file. */
  sourceLine: number;
}

export interface ListingCase extends CaseBase {
  kind: "listing";
  /** Field name -> text, in the corpus's key order. */
  fields: Record<string, string>;
}

export interface ReplyCase extends CaseBase {
  kind: "reply";
  text: string;
}

export type CorpusCase = ListingCase | ReplyCase;

export interface Corpus {
  cases: CorpusCase[];
  /** Non-fatal problems (a span that does not occur in its case, ...), one line each. */
  warnings: string[];
}

/** A corpus line that cannot be used: names the file line. */
export class CorpusError extends Error {
  constructor(
    message: string,
    public readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = "CorpusError";
  }
}

const CATEGORY_SET = new Set<string>(CATEGORIES);

function isCategory(value: unknown): value is Category {
  return typeof value === "string" && CATEGORY_SET.has(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The texts of a case that a span may sit in. */
export function caseTexts(c: CorpusCase): string[] {
  return c.kind === "reply" ? [c.text] : Object.values(c.fields);
}

/**
 * Parses a corpus. Throws `CorpusError` on a line that is not valid JSON or not a valid case
 * (wrong kind, unknown category, missing text, duplicate id); blank lines are skipped and a
 * leading BOM is ignored.
 */
export function parseCorpus(source: string): Corpus {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const lines = text.split(/\r?\n/);
  const cases: CorpusCase[] = [];
  const warnings: string[] = [];
  const seen = new Map<string, number>();

  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    if (raw.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw new CorpusError(`not valid JSON (${(error as Error).message})`, lineNo);
    }
    const c = toCase(value, lineNo);
    const previous = seen.get(c.id);
    if (previous !== undefined) {
      throw new CorpusError(`duplicate id "${c.id}" (first on line ${previous})`, lineNo);
    }
    seen.set(c.id, lineNo);

    const texts = caseTexts(c);
    for (const span of c.spans) {
      if (!texts.some((t) => t.includes(span.text))) {
        warnings.push(`${c.id} (line ${lineNo}): span ${JSON.stringify(span.text)} does not occur in the case`);
      }
      if (!c.expect.includes(span.category)) {
        warnings.push(`${c.id} (line ${lineNo}): span category "${span.category}" is not in expect`);
      }
    }
    cases.push(c);
  });

  return { cases, warnings };
}

function toCase(value: unknown, line: number): CorpusCase {
  const fail = (message: string): never => {
    throw new CorpusError(message, line);
  };
  if (!isPlainObject(value)) fail("a case must be a JSON object");
  const v = value as Record<string, unknown>;

  if (typeof v.id !== "string" || v.id === "") fail(`"id" must be a non-empty string`);
  const id = v.id as string;
  const where = `case "${id}": `;

  const lang = v.lang === undefined ? "und" : v.lang;
  if (typeof lang !== "string") fail(`${where}"lang" must be a string`);

  if (!Array.isArray(v.expect)) fail(`${where}"expect" must be an array of categories`);
  const expect: Category[] = [];
  for (const e of v.expect as unknown[]) {
    if (!isCategory(e)) fail(`${where}unknown category ${JSON.stringify(e)} in "expect" (known: ${CATEGORIES.join(", ")})`);
    if (!expect.includes(e as Category)) expect.push(e as Category);
  }

  const rawSpans = v.spans === undefined ? [] : v.spans;
  if (!Array.isArray(rawSpans)) fail(`${where}"spans" must be an array`);
  const spans: CorpusSpan[] = [];
  for (const s of rawSpans as unknown[]) {
    if (!isPlainObject(s) || typeof s.text !== "string" || s.text === "") {
      fail(`${where}each span needs a non-empty "text"`);
    }
    const span = s as Record<string, unknown>;
    if (!isCategory(span.category)) fail(`${where}unknown span category ${JSON.stringify(span.category)}`);
    spans.push({ text: span.text as string, category: span.category as Category });
  }

  const note = typeof v.note === "string" ? v.note : "";
  const base = { id, lang: lang as string, expect, spans, note, sourceLine: line };

  if (v.kind === "reply") {
    if (typeof v.text !== "string") fail(`${where}a reply needs a string "text"`);
    return { ...base, kind: "reply", text: v.text as string };
  }
  if (v.kind === "listing") {
    if (!isPlainObject(v.fields)) fail(`${where}a listing needs an object "fields"`);
    const fields: Record<string, string> = {};
    for (const [name, text] of Object.entries(v.fields as Record<string, unknown>)) {
      if (typeof text !== "string") fail(`${where}field "${name}" must be a string`);
      fields[name] = text as string;
    }
    if (Object.keys(fields).length === 0) fail(`${where}a listing needs at least one field`);
    return { ...base, kind: "listing", fields };
  }
  return fail(`${where}"kind" must be "listing" or "reply", got ${JSON.stringify(v.kind)}`);
}
