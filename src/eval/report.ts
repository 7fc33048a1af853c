// Plain-text report of a score. Pure: returns a string.

import type { FileRange } from "./position.js";
import type { Ratio, Score } from "./score.js";

export interface ReportOptions {
  /** List every miss, false positive and unlocated span. */
  verbose?: boolean;
  /** Shown in the header, e.g. the corpus path. */
  title?: string;
  /** Wall time of the linter run, in milliseconds. */
  elapsedMs?: number;
}

function pct(r: Ratio): string {
  return r.value === null ? "n/a" : `${(r.value * 100).toFixed(1)}%`;
}

function frac(r: Ratio): string {
  return `${r.hit}/${r.total}`;
}

function table(rows: string[][], rightAligned: (col: number) => boolean): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...(r[c] ?? "")].length)));
  return rows.map((r) =>
    r
      .map((cell, c) => (rightAligned(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join("  ")
      .trimEnd(),
  );
}

function where(range: FileRange | undefined): string {
  if (!range) return "?";
  return `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;
}

function oneLine(text: string, max = 100): string {
  const flat = text.replace(/\s+/g, " ");
  return flat.length > max ? flat.slice(0, max - 1) + "…" : flat;
}

export function formatReport(score: Score, options: ReportOptions = {}): string {
  const out: string[] = [];
  const c = score.cases;
  const time = options.elapsedMs === undefined ? "" : `, linter ran ${(options.elapsedMs / 1000).toFixed(1)} s`;
  out.push(
    `offsite-lint eval${options.title ? ` — ${options.title}` : ""}: ${c.total} cases ` +
      `(${c.listings} listings, ${c.replies} replies, ${c.clean} clean)${time}`,
    "",
  );

  const rows: string[][] = [["category", "recall", "", "precision", "", "located", ""]];
  for (const k of score.perCategory) {
    rows.push([k.category, pct(k.recall), frac(k.recall), pct(k.precision), frac(k.precision), pct(k.located), frac(k.located)]);
  }
  rows.push(["overall", pct(score.recall), frac(score.recall), pct(score.precision), frac(score.precision), pct(score.located), frac(score.located)]);
  out.push(...table(rows, (col) => col > 0));
  out.push("");

  const frows: string[][] = [["file format", "cases", "recall", "precision", "located"]];
  for (const g of score.perFormat) {
    frows.push([g.format === "txt" ? "txt (replies)" : g.format, String(g.cases), pct(g.recall), pct(g.precision), pct(g.located)]);
  }
  out.push(...table(frows, (col) => col > 0));
  out.push("");

  out.push(`clean cases flagged: ${pct(score.cleanFlagged)} (${frac(score.cleanFlagged)})`);
  const mislocated = score.unlocated.filter((u) => u.reported.length > 0);
  out.push(
    `misses: ${score.misses.length}, false positives: ${score.falsePositives.length}, ` +
      `spans not located: ${score.unlocated.length} (${mislocated.length} of them with a message of the category elsewhere)`,
  );

  if (score.unlintedFiles.length > 0) {
    out.push(
      "",
      `warning: the linter returned no result for ${score.unlintedFiles.length} written file(s), so it did not lint them: ` +
        score.unlintedFiles.slice(0, 5).join(", ") +
        (score.unlintedFiles.length > 5 ? ", …" : ""),
    );
  }
  const fatal = score.stray.filter((s) => s.reason === "fatal");
  const other = score.stray.filter((s) => s.reason !== "fatal");
  if (fatal.length > 0) {
    out.push("", `fatal errors reported by the linter (${fatal.length}): files not linted, their cases count as missed`);
    for (const s of fatal) out.push(`  ${s.filePath}:${s.line}:${s.column}  ${oneLine(s.message, 160)}`);
  }
  if (other.length > 0) {
    out.push("", `messages not tied to a case or a category (${other.length}):`);
    const shown = options.verbose ? other : other.slice(0, 5);
    for (const s of shown) {
      out.push(`  [${s.reason}] ${s.filePath}:${s.line}:${s.column}  ${s.ruleId ?? "-"}  ${oneLine(s.message)}`);
    }
    if (shown.length < other.length) out.push(`  … ${other.length - shown.length} more (--verbose)`);
  }
  if (score.recordLineMismatches > 0) {
    out.push(
      "",
      `warning: ${score.recordLineMismatches} message(s) have a record.index whose record does not contain their line ` +
        `(the reader's record numbering or line mapping is off)`,
    );
  }

  if (options.verbose) {
    if (score.misses.length > 0) {
      out.push("", `misses (${score.misses.length}):`);
      for (const m of score.misses) out.push(`  ${m.caseId}  ${m.category}  ${m.file}:${m.line}  ${oneLine(m.note)}`);
    }
    if (score.falsePositives.length > 0) {
      out.push("", `false positives (${score.falsePositives.length}):`);
      for (const fp of score.falsePositives) {
        out.push(`  ${fp.caseId}  ${fp.category}  ${fp.file}:${fp.line}  ${oneLine(fp.note)}`);
        for (const m of fp.messages) {
          const match = m.match === undefined ? "" : `  ${JSON.stringify(m.match)}`;
          out.push(`      ${m.line}:${m.column}  ${m.ruleId ?? "-"}${m.field ? ` (${m.field})` : ""}${match}  ${oneLine(m.message, 80)}`);
        }
      }
    }
    if (mislocated.length > 0) {
      out.push("", `mislocated spans (${mislocated.length}): the case got the category, but no message of it overlaps the span:`);
      for (const u of mislocated) {
        out.push(
          `  ${u.caseId}  ${u.category}  ${u.file} span ${where(u.range)} ${JSON.stringify(oneLine(u.text, 60))}` +
            `  reported ${u.reported.map((r) => where(r)).join(", ")}`,
        );
      }
    }
  }
  return out.join("\n") + "\n";
}
