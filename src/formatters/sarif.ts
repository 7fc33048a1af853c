// `sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. One run; every rule
// with shortDescription, fullDescription and help (GitHub requires them); every result with a
// location relative to %SRCROOT% (the cwd), a region in UTF-16 code units (as ESLint), a
// fingerprint that survives reordered rows and shifted lines, and the penalty estimate in
// `properties`. Texts are in the run's locale. Pure: the same results give the same bytes.
//
// Suppressed messages are results with `suppressions` (inSource for an inline directive, external
// for the baseline file), as ESLint's SARIF formatter does.
//
// A file that cannot be read or parsed is a result of the rule `offsite-lint/fatal` (level
// error), so code scanning shows it where it happened, and also a tool execution notification,
// where SARIF viewers look for tool problems.

import { createHash } from "node:crypto";
import type { Category, LintMessage, LintResult, Locale, RuleMeta, SuppressedMessage } from "../types.js";
import { runTotal } from "../penalties/compute.js";
import type { FormatterContext } from "./index.js";
import { fileUri, isWindowsPath, relativeUri, reportPath, type ReportPath } from "./locations.js";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
export const FATAL_RULE_ID = "offsite-lint/fatal";
/** Key of our own fingerprint in `partialFingerprints`; bump the version if its inputs change. */
export const FINGERPRINT_KEY = "offsiteLint/v1";
const INFORMATION_URI = "https://www.npmjs.com/package/offsite-lint";
const SRCROOT = "%SRCROOT%";

type Level = "error" | "warning" | "note" | "none";

interface Texts {
  why: string;
  fix: string;
  fatalShort: string;
  fatalFull: string;
  fatalFix: string;
  unknownShort: (id: string) => string;
  unknownHelp: string;
}

const TEXTS: Record<Locale, Texts> = {
  en: {
    why: "Why platforms punish it",
    fix: "How to fix",
    fatalShort: "The file could not be read or parsed",
    fatalFull:
      "offsite-lint could not read or parse this file (malformed CSV or JSON, a binary file, a truncated image, a wrong encoding), so nothing in it was checked. The other files were linted.",
    fatalFix: "Repair or re-export the file (UTF-8 or GBK text, valid CSV/JSON), or pass --encoding if the detected encoding is wrong; then run offsite-lint again.",
    unknownShort: (id) => `Rule ${id}`,
    unknownHelp: "A rule from a plugin or from the configuration's phrases; see the configuration for what it catches.",
  },
  "zh-CN": {
    why: "平台为何处罚",
    fix: "如何修改",
    fatalShort: "文件无法读取或解析",
    fatalFull: "offsite-lint 无法读取或解析该文件（CSV 或 JSON 格式错误、二进制文件、图片被截断、编码错误），因此其中内容未被检查。其他文件已照常检查。",
    fatalFix: "修复或重新导出该文件（UTF-8 或 GBK 文本、有效的 CSV/JSON）；如编码检测有误，请使用 --encoding 指定，然后重新运行 offsite-lint。",
    unknownShort: (id) => `规则 ${id}`,
    unknownHelp: "来自插件或配置中自定义短语的规则；其检查内容请参阅配置。",
  },
};

const SEVERITY_LEVEL: Record<RuleMeta["defaultSeverity"], Level> = { error: "error", warn: "warning", off: "none" };

/** `no-im-contact` → `NoImContact`: a readable name that differs from the id (SARIF1001). */
const pascal = (id: string): string =>
  id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("") || "Rule";

const nonEmpty = (text: string | undefined, fallback: string): string => (text && text.trim() ? text : fallback);

const isHttpUrl = (url: string | undefined): url is string => !!url && /^https?:\/\/[^\s]+$/i.test(url);

function ruleDescriptor(id: string, meta: RuleMeta | undefined, category: Category | undefined, locale: Locale): Record<string, unknown> {
  const t = TEXTS[locale];
  if (id === FATAL_RULE_ID) {
    return {
      id,
      name: pascal(id),
      shortDescription: { text: t.fatalShort },
      fullDescription: { text: t.fatalFull },
      help: { text: t.fatalFix, markdown: t.fatalFix },
      defaultConfiguration: { level: "error" },
      properties: { tags: ["offsite-lint"], "problem.severity": "error" },
    };
  }
  if (!meta) {
    const short = t.unknownShort(id);
    return {
      id,
      name: pascal(id),
      shortDescription: { text: short },
      fullDescription: { text: short },
      help: { text: t.unknownHelp, markdown: t.unknownHelp },
      properties: { ...(category ? { category } : {}), tags: ["offsite-lint", ...(category ? [category] : [])] },
    };
  }
  const description = nonEmpty(meta.description[locale], meta.description.en || id);
  const why = meta.docs.why[locale] || meta.docs.why.en;
  const fix = meta.docs.fix[locale] || meta.docs.fix.en;
  const helpText = [why && `${t.why}: ${why}`, fix && `${t.fix}: ${fix}`].filter(Boolean).join("\n\n") || description;
  const helpMarkdown = [why && `**${t.why}**\n\n${why}`, fix && `**${t.fix}**\n\n${fix}`].filter(Boolean).join("\n\n") || description;
  const level = SEVERITY_LEVEL[meta.defaultSeverity];
  return {
    id,
    name: pascal(id),
    // GitHub shows at most 1024 characters of each description.
    shortDescription: { text: truncate(firstSentence(description), 1024) },
    fullDescription: { text: truncate(description, 1024) },
    help: { text: helpText, markdown: helpMarkdown },
    // Our docs are files inside the installed package: a file: URI means nothing to GitHub.
    ...(isHttpUrl(meta.docs.url) ? { helpUri: meta.docs.url } : {}),
    defaultConfiguration: level === "none" ? { level: "warning", enabled: false } : { level },
    properties: {
      category: meta.category,
      tags: ["offsite-lint", meta.category],
      "problem.severity": level === "error" ? "error" : "warning",
      ...(meta.fixable ? { fixable: true } : {}),
    },
  };
}

function firstSentence(text: string): string {
  const m = /^(.+?[.。!！?？])(\s|$)/su.exec(text);
  return m ? m[1]! : text;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function region(m: LintMessage): Record<string, number> {
  const startLine = Math.max(1, m.line || 1);
  const startColumn = Math.max(1, m.column || 1);
  let endLine = m.endLine ?? startLine;
  let endColumn = m.endColumn ?? startColumn + 1;
  if (endLine < startLine || (endLine === startLine && endColumn < startColumn)) {
    endLine = startLine;
    endColumn = startColumn + 1;
  }
  return { startLine, startColumn, endLine, endColumn: Math.max(1, endColumn) };
}

/**
 * What identifies a finding across runs: the rule, the file, the record by its id (not its index
 * or line: rows get reordered) and field, and the matched text. The same key twice in a file
 * gets an occurrence number, in order of appearance.
 */
function fingerprintKey(m: LintMessage, path: string): string {
  const ruleId = m.fatal || !m.ruleId ? FATAL_RULE_ID : m.ruleId;
  const what = m.fatal ? m.message : (m.match ?? `${m.messageId ?? ""}\u0000${m.message}`);
  return [ruleId, path, m.record?.id ?? "", m.field ?? "", m.origin ?? "", what].join("\u0000");
}

const sha256 = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

function artifactLocation(where: ReportPath): Record<string, unknown> {
  return where.inside ? { uri: relativeUri(where.path), uriBaseId: SRCROOT } : { uri: fileUri(where.absolute, where.windows) };
}

function resultProperties(m: LintMessage): Record<string, unknown> | undefined {
  const props: Record<string, unknown> = {};
  if (m.category) props.category = m.category;
  if (m.confidence !== undefined) props.confidence = m.confidence;
  if (m.penalty) props.penalty = m.penalty;
  if (m.record) props.record = m.record;
  if (m.field !== undefined) props.field = m.field;
  if (m.cell) props.cell = m.cell;
  if (m.origin) props.origin = m.origin;
  if (m.messageId) props.messageId = m.messageId;
  if (m.suggestion) props.suggestion = m.suggestion;
  return Object.keys(props).length > 0 ? props : undefined;
}

/** A message's place in the report: its file (by artifact index) and region. */
function locationOf(where: ReportPath, artifactIndex: number, m: LintMessage): Record<string, unknown> {
  return {
    physicalLocation: {
      artifactLocation: { ...artifactLocation(where), index: artifactIndex },
      region: region(m),
    },
  };
}

/** A file's messages then its suppressed ones, each with its suppressions (none for the first). */
function* fileFindings(result: LintResult): Generator<[LintMessage, SuppressedMessage["suppressions"] | undefined]> {
  for (const m of result.messages) yield [m, undefined];
  for (const m of result.suppressedMessages ?? []) yield [m, m.suppressions];
}

const isFatal = (m: LintMessage): boolean => m.fatal === true || !m.ruleId;

export function sarif(results: LintResult[], context: FormatterContext): string {
  return [...sarifChunks(results, context)].join("");
}

/** Stands for the results array in the run while the rest of the log is written whole. */
const RESULTS_SLOT = "\u0000results";
/** The depth of a result in the log (root, runs, run, results): JSON.stringify's indent there. */
const RESULT_INDENT = " ".repeat(8);

/**
 * `sarif` a result at a time (the CLI writes them as they come): the log is
 * `JSON.stringify(log, null, 2)`, with each result of the run written as it is built.
 */
export function* sarifChunks(results: LintResult[], context: FormatterContext): Generator<string> {
  const locale = context.locale;
  const rulesMeta = context.rulesMeta ?? {};

  // Rules: every rule that ran, then any other rule that reported (a plugin without meta), then
  // the fatal rule; ruleIndex points into this list. Fatal messages are also tool notifications,
  // which the log holds before its results: one pass over the messages finds both.
  const ruleIds: string[] = Object.keys(rulesMeta);
  const known = new Set(ruleIds);
  const categoryOf = new Map<string, Category | undefined>();
  const artifacts: Record<string, unknown>[] = [];
  const fatalNotices: [LintMessage, Record<string, unknown>][] = [];
  for (const result of results) {
    const where = reportPath(result.filePath, context.cwd);
    const artifactIndex = artifacts.length;
    artifacts.push({ location: artifactLocation(where), roles: ["analysisTarget"] });
    for (const [m, suppressions] of fileFindings(result)) {
      if (isFatal(m)) {
        if (!suppressions) fatalNotices.push([m, locationOf(where, artifactIndex, m)]);
        continue;
      }
      if (!known.has(m.ruleId!)) {
        known.add(m.ruleId!);
        ruleIds.push(m.ruleId!);
      }
      if (!categoryOf.has(m.ruleId!)) categoryOf.set(m.ruleId!, m.category);
    }
  }
  ruleIds.push(FATAL_RULE_ID);
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const rules = ruleIds.map((id) => ruleDescriptor(id, rulesMeta[id], categoryOf.get(id), locale));
  const notifications = fatalNotices.map(([m, location]) => ({
    level: "error",
    message: { text: nonEmpty(m.message, FATAL_RULE_ID) },
    locations: [location],
    associatedRule: { id: FATAL_RULE_ID, index: ruleIndex.get(FATAL_RULE_ID) },
  }));

  const total = runTotal(results, context.platform);
  const penalty: Record<string, unknown> = { platform: total.platform, points: total.points };
  if (total.unknownPoints > 0) penalty.unknownPoints = total.unknownPoints;
  if (total.fine !== undefined) penalty.fine = total.fine;
  if (total.currency) penalty.currency = total.currency;
  if (total.confidence) penalty.confidence = total.confidence;

  const version = context.version;
  const srcRoot = fileUri(context.cwd, isWindowsPath(context.cwd), true);
  const run: Record<string, unknown> = {
    tool: {
      driver: {
        name: "offsite-lint",
        ...(version ? { version } : {}),
        ...(version && /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(version) ? { semanticVersion: version } : {}),
        informationUri: INFORMATION_URI,
        rules,
      },
    },
    invocations: [
      {
        executionSuccessful: true,
        // Where GitHub maps absolute file: URIs to repository paths when no checkout path is given.
        workingDirectory: { uri: srcRoot },
        ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
      },
    ],
    originalUriBaseIds: {
      [SRCROOT]: { uri: srcRoot },
    },
    artifacts,
    results: RESULTS_SLOT,
    language: locale,
    columnKind: "utf16CodeUnits",
    properties: { platform: context.platform.id, penalty },
  };
  const log = JSON.stringify({ $schema: SARIF_SCHEMA, version: "2.1.0", runs: [run] }, null, 2);
  // The last one: file paths and messages come before it, only the platform's id after.
  const placeholder = JSON.stringify(RESULTS_SLOT);
  const slot = log.lastIndexOf(`"results": ${placeholder}`) + '"results": '.length;
  yield log.slice(0, slot);

  let count = 0;
  for (let artifactIndex = 0; artifactIndex < results.length; artifactIndex++) {
    const result = results[artifactIndex]!;
    const where = reportPath(result.filePath, context.cwd);
    // Occurrences of the same fingerprint in the file, by the fingerprint's hash.
    const seen = new Map<string, number>();
    for (const [m, suppressions] of fileFindings(result)) {
      const ruleId = isFatal(m) ? FATAL_RULE_ID : m.ruleId!;
      const hash = sha256(fingerprintKey(m, where.path)).slice(0, 32);
      const occurrence = (seen.get(hash) ?? 0) + 1;
      seen.set(hash, occurrence);
      const sarifResult: Record<string, unknown> = {
        ruleId,
        ruleIndex: ruleIndex.get(ruleId),
        level: isFatal(m) || m.severity === 2 ? "error" : "warning",
        message: { text: nonEmpty(m.message, ruleId) },
        locations: [locationOf(where, artifactIndex, m)],
        partialFingerprints: { [FINGERPRINT_KEY]: `${hash}:${occurrence}` },
      };
      if (suppressions) {
        sarifResult.suppressions = suppressions.map((s) => ({
          kind: s.kind === "directive" ? "inSource" : "external",
          ...(s.justification ? { justification: s.justification } : {}),
        }));
      }
      const properties = resultProperties(m);
      if (properties) sarifResult.properties = properties;
      // JSON.stringify puts no raw line break inside a value: every "\n" is between lines.
      const item = JSON.stringify(sarifResult, null, 2).replace(/\n/g, `\n${RESULT_INDENT}`);
      yield `${count++ === 0 ? "[" : ","}\n${RESULT_INDENT}${item}`;
    }
  }
  yield count === 0 ? "[]" : `\n${RESULT_INDENT.slice(2)}]`;
  yield log.slice(slot + placeholder.length);
}
