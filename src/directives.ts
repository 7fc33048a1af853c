// Inline directives in the formats that have comments: Markdown and HTML
// (`<!-- offsite-lint-disable-next-line no-qr-code -- reason -->`) and YAML
// (`# offsite-lint-disable-line no-im-contact -- reason`). Pure: text in, directives out;
// messages and directives in, the messages left and the directives that suppressed nothing out.
//
//   offsite-lint-disable [rules] [-- reason]             from here on (until a matching enable)
//   offsite-lint-enable [rules] [-- reason]              from here on again
//   offsite-lint-disable-line [rules] [-- reason]        the line(s) of the comment
//   offsite-lint-disable-next-line [rules] [-- reason]   the line after the comment
//
// No rule list means every rule. Rules are separated by commas and/or spaces. Directives refer to
// physical lines of the file: a message is covered by a line directive when its lines
// [line, endLine] meet the lines the directive covers. In YAML a line directive covers the whole
// value that starts (or ends) on its line, so one comment above `refund: |` covers the block.

import type { Node as YamlNode } from "yaml";
import { yaml } from "./lazy-modules.js";
import { LineMap } from "./sources/location.js";
import type { LintMessage, Locale } from "./types.js";

export type DirectiveType = "disable" | "enable" | "disable-line" | "disable-next-line";
export type DirectiveSyntax = "html" | "yaml";

export interface Directive {
  type: DirectiveType;
  /** Rule ids the directive names; empty = every rule. */
  rules: string[];
  /** The text after ` -- `, if any. */
  reason?: string;
  /** Where the comment is (1-based; columns in UTF-16 code units, as messages). */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Line directives: the physical lines [from, to] they cover. */
  lines?: { from: number; to: number };
}

/** A directive comment found in a text: the directive and where its parts are (text offsets). */
export interface DirectiveComment {
  directive: Directive;
  /** [start, end) of the whole comment, delimiters included. */
  start: number;
  end: number;
  /** [start, end) of the reason inside the comment, when there is one. */
  reason?: { start: number; end: number };
}

export const DIRECTIVE_PREFIX = "offsite-lint-";

const KEYWORD = /^\s*offsite-lint-(disable-next-line|disable-line|disable|enable)(?=\s|$)/;
/** ` -- ` (two or more dashes between spaces) starts the reason, as in ESLint. */
const REASON_SEPARATOR = /(?:^|\s)-{2,}(?:\s|$)/;

/**
 * Parses a comment's inner text (without `<!--`/`-->` or `#`). Null when it is not a directive.
 * Offsets in the result are into `body`.
 */
export function parseDirectiveBody(body: string): { type: DirectiveType; rules: string[]; reason?: { text: string; start: number; end: number } } | null {
  const keyword = KEYWORD.exec(body);
  if (!keyword) return null;
  const type = keyword[1] as DirectiveType;
  const rest = body.slice(keyword[0].length);
  const separator = REASON_SEPARATOR.exec(rest);
  const list = separator ? rest.slice(0, separator.index) : rest;
  const rules = [...new Set(list.split(/[\s,]+/).filter(Boolean))];
  if (!separator) return { type, rules };
  const from = keyword[0].length + separator.index + separator[0].length;
  const raw = body.slice(from);
  const text = raw.trim();
  if (!text) return { type, rules };
  const start = from + raw.indexOf(text);
  return { type, rules, reason: { text, start, end: start + text.length } };
}

/** The directives of a Markdown/HTML (`<!-- … -->`) or YAML (`# …`) text, in file order. */
export function parseDirectives(text: string, syntax: DirectiveSyntax): Directive[] {
  return findDirectiveComments(text, syntax).map((c) => c.directive);
}

/** As `parseDirectives`, with the offsets of each comment and its reason. */
export function findDirectiveComments(text: string, syntax: DirectiveSyntax): DirectiveComment[] {
  if (!text.includes(DIRECTIVE_PREFIX)) return [];
  const lines = new LineMap(text);
  const comments = syntax === "html" ? htmlComments(text) : yamlComments(text);
  const spans = syntax === "yaml" ? yamlValueSpans(text, lines) : [];
  const out: DirectiveComment[] = [];
  for (const { start, end, bodyStart, bodyEnd } of comments) {
    const parsed = parseDirectiveBody(text.slice(bodyStart, bodyEnd));
    if (!parsed) continue;
    const from = lines.position(start);
    const to = lines.position(end);
    const directive: Directive = { type: parsed.type, rules: parsed.rules, line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
    if (parsed.reason) directive.reason = parsed.reason.text;
    if (parsed.type === "disable-line") directive.lines = widen({ from: from.line, to: to.line }, spans);
    else if (parsed.type === "disable-next-line") directive.lines = widen({ from: to.line + 1, to: to.line + 1 }, spans);
    const comment: DirectiveComment = { directive, start, end };
    if (parsed.reason) comment.reason = { start: bodyStart + parsed.reason.start, end: bodyStart + parsed.reason.end };
    out.push(comment);
  }
  return out;
}

interface RawComment {
  start: number;
  end: number;
  bodyStart: number;
  bodyEnd: number;
}

function htmlComments(text: string): RawComment[] {
  const out: RawComment[] = [];
  for (let at = text.indexOf("<!--"); at !== -1; ) {
    const close = text.indexOf("-->", at + 4);
    if (close === -1) break;
    out.push({ start: at, end: close + 3, bodyStart: at + 4, bodyEnd: close });
    at = text.indexOf("<!--", close + 3);
  }
  return out;
}

/** YAML comments from the yaml library's CST: a `#` inside a quoted or block scalar is not one. */
function yamlComments(text: string): RawComment[] {
  const out: RawComment[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!node || typeof node !== "object") return;
    const token = node as { type?: unknown; offset?: unknown; source?: unknown };
    if (token.type === "comment" && typeof token.offset === "number" && typeof token.source === "string") {
      const start = token.offset;
      const end = start + token.source.length;
      out.push({ start, end, bodyStart: start + 1, bodyEnd: end });
      return;
    }
    for (const value of Object.values(node)) if (value && typeof value === "object") visit(value);
  };
  try {
    for (const token of new (yaml().Parser)().parse(text)) visit(token);
  } catch {
    return [];
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * Lines of the YAML scalars: from the key (or the sequence item) to the end of the value, so a
 * directive on the key's line covers a value that goes on over several lines.
 */
function yamlValueSpans(text: string, lines: LineMap): Array<{ from: number; to: number }> {
  const spans: Array<{ from: number; to: number }> = [];
  const lastLine = (end: number): number => {
    let i = end;
    while (i > 0 && /\s/.test(text[i - 1]!)) i--;
    return lines.position(Math.max(0, i - 1)).line;
  };
  const add = (start: number, end: number): void => {
    const from = lines.position(start).line;
    const to = Math.max(from, lastLine(end));
    if (to > from) spans.push({ from, to });
  };
  const { isMap, isPair, isScalar, isSeq, parseAllDocuments } = yaml();
  const visit = (node: unknown): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const value = pair.value as YamlNode | null;
        if (isScalar(value) && value.range) {
          const key = pair.key as YamlNode | null;
          add(Math.min(key && typeof key === "object" && key.range ? key.range[0] : value.range[0], value.range[0]), value.range[1]);
        } else visit(value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) {
        if (isScalar(item) && item.range) add(item.range[0], item.range[1]);
        else visit(item);
      }
    }
  };
  try {
    for (const document of parseAllDocuments(text, { uniqueKeys: false }) as unknown as Array<{ contents: unknown }>) visit(document.contents);
  } catch {
    return [];
  }
  return spans;
}

function widen(range: { from: number; to: number }, spans: ReadonlyArray<{ from: number; to: number }>): { from: number; to: number } {
  let { from, to } = range;
  for (const span of spans) {
    if (span.from <= range.to && span.to >= range.from) {
      from = Math.min(from, span.from);
      to = Math.max(to, span.to);
    }
  }
  return { from, to };
}

/**
 * The text with directive comments blanked (spaces; line breaks kept, so every offset and line
 * stays where it was) except their reason, which is still linted: a comment ships with the page.
 * For Markdown, read as one text field, so that rule names in a directive are not linted.
 */
export function blankDirectiveComments(text: string, syntax: DirectiveSyntax = "html"): string {
  const comments = findDirectiveComments(text, syntax);
  if (comments.length === 0) return text;
  let out = "";
  let at = 0;
  for (const comment of comments) {
    out += text.slice(at, comment.start);
    const keep = comment.reason;
    for (let i = comment.start; i < comment.end; i++) {
      const char = text[i]!;
      out += keep && i >= keep.start && i < keep.end ? char : char === "\n" || char === "\r" ? char : " ";
    }
    at = comment.end;
  }
  return out + text.slice(at);
}

// ---------------------------------------------------------------------------
// Applying directives to a file's messages.

/** A directive, or one rule of its list, that suppressed (or re-enabled) nothing. */
export interface UnusedDirective {
  directive: Directive;
  /** The rules of its list that were unused; empty = the directive names no rules. */
  rules: string[];
}

export interface AppliedDirectives {
  /** Messages not suppressed, in their original order. */
  messages: LintMessage[];
  /** Messages a directive suppressed, each with the directive that did. */
  suppressed: Array<{ message: LintMessage; directive: Directive }>;
  unused: UnusedDirective[];
}

const comparePosition = (a: { line: number; column: number }, b: { line: number; column: number }): number => a.line - b.line || a.column - b.column;

/**
 * Suppresses the messages the directives cover. Messages without a rule (fatal errors, directive
 * problems) are never suppressed. Block directives work as ESLint's: `disable` (all) then
 * `enable a` re-enables `a` only; `disable a` then `enable` re-enables everything.
 */
export function applyDirectives(messages: readonly LintMessage[], directives: readonly Directive[]): AppliedDirectives {
  const lineDirectives = directives.filter((d) => d.lines);
  const blocks = directives.filter((d) => d.type === "disable" || d.type === "enable").slice().sort(comparePosition);
  // Per directive: the rules it was used for ("*" for a directive without a list).
  const used = new Map<Directive, Set<string>>();
  const use = (directive: Directive, rule: string): void => {
    const set = used.get(directive) ?? new Set<string>();
    set.add(directive.rules.length === 0 ? "*" : rule);
    used.set(directive, set);
  };

  let globalDisable: Directive | null = null;
  const disabledRules = new Map<string, Directive>();
  const enabledRules = new Set<string>();
  const step = (directive: Directive): void => {
    if (directive.type === "disable") {
      if (directive.rules.length === 0) {
        globalDisable = directive;
        disabledRules.clear();
        enabledRules.clear();
      } else {
        for (const rule of directive.rules) {
          enabledRules.delete(rule);
          disabledRules.set(rule, directive);
        }
      }
      return;
    }
    // enable
    if (directive.rules.length === 0) {
      if (globalDisable || disabledRules.size > 0) use(directive, "*");
      globalDisable = null;
      disabledRules.clear();
      enabledRules.clear();
      return;
    }
    for (const rule of directive.rules) {
      if (disabledRules.delete(rule)) use(directive, rule);
      if (globalDisable && !enabledRules.has(rule)) {
        enabledRules.add(rule);
        use(directive, rule);
      }
    }
  };

  const order = messages.map((_, i) => i).sort((a, b) => comparePosition(messages[a]!, messages[b]!) || a - b);
  const suppressedBy = new Map<number, Directive>();
  let next = 0;
  for (const index of order) {
    const message = messages[index]!;
    while (next < blocks.length && comparePosition(blocks[next]!, message) <= 0) step(blocks[next++]!);
    const rule = message.ruleId;
    if (rule === null || message.fatal) continue;
    const first = message.line;
    const last = Math.max(first, message.endLine ?? first);
    const onLine = lineDirectives.find((d) => d.lines!.from <= last && d.lines!.to >= first && (d.rules.length === 0 || d.rules.includes(rule)));
    const block = onLine ? undefined : (disabledRules.get(rule) ?? (globalDisable && !enabledRules.has(rule) ? globalDisable : undefined));
    const by = onLine ?? block;
    if (by) {
      use(by, rule);
      suppressedBy.set(index, by);
    }
  }
  while (next < blocks.length) step(blocks[next++]!);

  const unused: UnusedDirective[] = [];
  for (const directive of directives) {
    const set = used.get(directive);
    if (directive.rules.length === 0) {
      if (!set) unused.push({ directive, rules: [] });
    } else {
      const rules = directive.rules.filter((rule) => !set?.has(rule));
      if (rules.length > 0) unused.push({ directive, rules });
    }
  }
  return {
    messages: messages.filter((_, i) => !suppressedBy.has(i)),
    suppressed: [...suppressedBy].sort((a, b) => a[0] - b[0]).map(([i, directive]) => ({ message: messages[i]!, directive })),
    unused,
  };
}

/** `'a'`, `'a' or 'b'`, `'a', 'b', or 'c'` (ESLint's wording). */
function ruleList(rules: readonly string[], locale: Locale): string {
  const quoted = rules.map((r) => `'${r}'`);
  if (locale === "zh-CN") return quoted.join("、");
  if (quoted.length <= 2) return quoted.join(" or ");
  return `${quoted.slice(0, -1).join(", ")}, or ${quoted[quoted.length - 1]}`;
}

/** The message for an unused directive, in ESLint's words (and in Chinese). */
export function unusedDirectiveText(unused: UnusedDirective, locale: Locale = "en"): string {
  const { directive, rules } = unused;
  const zh = locale === "zh-CN";
  if (directive.type === "enable") {
    if (rules.length === 0) return zh ? "未使用的 offsite-lint-enable 指令（前面没有对应的 offsite-lint-disable 指令）。" : "Unused offsite-lint-enable directive (no matching offsite-lint-disable directives were found).";
    return zh
      ? `未使用的 offsite-lint-enable 指令（前面没有针对 ${ruleList(rules, locale)} 的 offsite-lint-disable 指令）。`
      : `Unused offsite-lint-enable directive (no matching offsite-lint-disable directives were found for ${ruleList(rules, locale)}).`;
  }
  if (rules.length === 0) return zh ? "未使用的 offsite-lint-disable 指令（没有报告任何问题）。" : "Unused offsite-lint-disable directive (no problems were reported).";
  return zh
    ? `未使用的 offsite-lint-disable 指令（${ruleList(rules, locale)} 没有报告任何问题）。`
    : `Unused offsite-lint-disable directive (no problems were reported from ${ruleList(rules, locale)}).`;
}

/** Messages (`ruleId: null`, at the comment) for unused directives, with the given severity. */
export function unusedDirectiveMessages(unused: readonly UnusedDirective[], severity: 1 | 2, locale: Locale = "en"): LintMessage[] {
  return unused.map((u) => ({
    ruleId: null,
    severity,
    message: unusedDirectiveText(u, locale),
    line: u.directive.line,
    column: u.directive.column,
    endLine: u.directive.endLine,
    endColumn: u.directive.endColumn,
  }));
}

/** Errors for rule ids a directive names that do not exist (a typo would silently do nothing). */
export function unknownRuleMessages(directives: readonly Directive[], knownRules: ReadonlySet<string>, locale: Locale = "en"): LintMessage[] {
  const out: LintMessage[] = [];
  for (const directive of directives) {
    for (const rule of directive.rules) {
      if (knownRules.has(rule)) continue;
      out.push({
        ruleId: null,
        severity: 2,
        message: locale === "zh-CN" ? `找不到规则 '${rule}' 的定义（offsite-lint-${directive.type} 指令）。` : `Definition for rule '${rule}' was not found (offsite-lint-${directive.type} directive).`,
        line: directive.line,
        column: directive.column,
        endLine: directive.endLine,
        endColumn: directive.endColumn,
      });
    }
  }
  return out;
}

/** The directives without the rules they name that do not exist (those are reported apart). */
export function withoutUnknownRules(unused: readonly UnusedDirective[], knownRules: ReadonlySet<string>): UnusedDirective[] {
  return unused.flatMap((u) => {
    if (u.rules.length === 0) return [u];
    const rules = u.rules.filter((r) => knownRules.has(r));
    return rules.length > 0 ? [{ directive: u.directive, rules }] : [];
  });
}
