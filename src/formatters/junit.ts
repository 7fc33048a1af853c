// `junit`: JUnit XML as ESLint's junit formatter writes it, for CI systems that show test
// reports (Jenkins, GitLab, Azure Pipelines). One <testsuite> per file, named by its path
// relative to cwd; one <testcase> per problem with a <failure> (an <error> for a file that could
// not be parsed); a clean file gets one passing <testcase>. Text is XML-escaped and characters
// XML 1.0 cannot hold (control characters, lone surrogates) are dropped; CJK stays as is (UTF-8).

import type { LintMessage, LintResult } from "../types.js";
import { messageEstimate } from "../penalties/compute.js";
import type { FormatterContext } from "./index.js";
import { penaltyCell } from "./penalty-text.js";
import { reportPath } from "./locations.js";
import { FATAL_RULE_ID } from "./sarif.js";

// Not allowed in XML 1.0 at all: C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF.
// DEL and C1 controls are allowed but discouraged, and never meant in a report: dropped too.
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export const stripInvalidXml = (text: string): string => text.replace(INVALID_XML, "");

/** Escaped for an attribute value (also tab/CR/LF, which attribute normalisation would eat). */
export function xmlAttr(text: string): string {
  return stripInvalidXml(text).replace(/[<>&"'\t\n\r]/g, (c) => ATTR_ENTITIES[c]!);
}

const ATTR_ENTITIES: Record<string, string> = {
  "<": "&lt;",
  ">": "&gt;",
  "&": "&amp;",
  '"': "&quot;",
  "'": "&apos;",
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};

/** Text inside CDATA: only `]]>` needs splitting. */
const cdata = (text: string): string => `<![CDATA[${stripInvalidXml(text).replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;

function details(m: LintMessage, context: FormatterContext): string {
  const type = m.fatal || m.severity === 2 ? "Error" : "Warning";
  let text = `line ${m.line || 0}, col ${m.column || 0}, ${type} - ${m.message}${m.ruleId ? ` (${m.ruleId})` : ""}`;
  const where = [
    m.record ? `record ${m.record.id ?? `#${m.record.index + 1}`}` : "",
    m.field !== undefined ? `field ${m.field}` : "",
    m.cell ? `cell ${m.cell}` : "",
  ].filter(Boolean);
  if (where.length > 0) text += `\n${where.join(", ")}`;
  const penalty = penaltyCell(messageEstimate(m, context.platform), context.platform, context.locale);
  if (penalty) text += `\n${penalty}`;
  if (m.suggestion) text += `\n${m.suggestion}`;
  return text;
}

export function junit(results: LintResult[], context: FormatterContext): string {
  return [...junitChunks(results, context)].join("");
}

/** `junit` a test case at a time (the CLI writes them as they come). */
export function* junitChunks(results: LintResult[], context: FormatterContext): Generator<string> {
  yield '<?xml version="1.0" encoding="utf-8"?>\n<testsuites>\n';
  for (const result of results) {
    const path = xmlAttr(reportPath(result.filePath, context.cwd).path);
    const messages = result.messages;
    if (messages.length === 0) {
      yield `<testsuite package="${path}" time="0" tests="1" errors="0" failures="0" name="${path}">\n` +
        `<testcase time="0" name="${path}" classname="${path}" />\n</testsuite>\n`;
      continue;
    }
    let errors = 0;
    for (const m of messages) if (m.fatal || !m.ruleId) errors++;
    yield `<testsuite package="${path}" time="0" tests="${messages.length}" errors="${errors}" failures="${messages.length - errors}" name="${path}">\n`;
    for (const m of messages) {
      const fatal = m.fatal === true || !m.ruleId;
      const element = fatal ? "error" : "failure";
      const severity = fatal || m.severity === 2 ? "error" : "warning";
      yield `<testcase time="0" name="${xmlAttr(fatal ? FATAL_RULE_ID : m.ruleId!)}" classname="${path}">` +
        `<${element} message="${xmlAttr(m.message)}" type="${severity}">${cdata(details(m, context))}</${element}>` +
        "</testcase>\n";
    }
    yield "</testsuite>\n";
  }
  yield "</testsuites>\n";
}
