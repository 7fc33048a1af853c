// The yardstick for `npm run bench`: the simplest scanner anyone would write first. Single-threaded,
// streams the file with `readline`, and tests each physical line against ONE combined
// case-insensitive RegExp of 40 naive contact/link/phrase patterns. No normalisation, no context, no
// locations: it answers "which rows mention anything contact-like", fast and crudely (it flags
// "WX-2000", "3.7V @ 1C", 微信支付, 官网同款 and "Western Union" in payment terms, and misses
// 一三八…, ①③⑧…, 嶶信, "abc 点 com" and most phrasing). A bare "8+ digits" pattern is left out on
// purpose: every listing has an HS code, so it would flag every row. offsite-lint's throughput is measured
// against it, and its recall and precision are the floor to beat.
//
// Row attribution (row-level, keep it simple):
// - CSV/TSV: the first physical line is the header and is skipped. A line that starts outside a
//   quoted cell starts a new row, and that row's key is the text of its first cell (the id column
//   in the bench's files); a line that starts inside a quoted cell (a multi-line cell) belongs to
//   the row that started above it. "Inside a quoted cell" is tracked by the parity of `"` characters
//   (a doubled `""` toggles twice), so a match on any physical line of a multi-line row is
//   attributed to the row whose id appears in its first physical line.
// - JSONL/NDJSON: one line is one row; the key is the first `"id":"…"` value on the line, or
//   `line:<n>` when there is none.
// - Anything else: the key is `line:<n>`.
//
//   node dist/src/bench/naive-scan.js <file>      prints each matching row key once, in file order

import { createReadStream } from "node:fs";
import { extname } from "node:path";
import { createInterface } from "node:readline";
import { isMain } from "../paths.js";

/** The naive patterns, one alternative each. */
export const NAIVE_PATTERNS: readonly string[] = [
  String.raw`\b1[3-9]\d{9}\b`, // CN mobile
  String.raw`\+\d{1,3}[\s-]?\(?\d{2,4}\)?[\s.-]?\d{3,4}[\s.-]?\d{3,4}`, // international phone
  String.raw`\b\d{3}[\s.-]\d{4}[\s.-]\d{4}\b`, // 138-1234-5678
  String.raw`\(\d{3}\)\s?\d{3}-\d{4}`, // (415) 555-0100
  String.raw`\b0\d{2,3}-\d{7,8}\b|\b400-\d{3}-\d{4}\b`, // CN landline, 400 hotline
  String.raw`@`, // e-mail or handle
  String.raw`https?://`,
  String.raw`www\.`,
  String.raw`\.com\b`,
  String.raw`\.(?:net|org|cn|shop|top|store|xyz|site|online)\b`,
  String.raw`bit\.ly|t\.cn/|tinyurl|wa\.me|t\.me/|m\.me/`,
  String.raw`we\s?chat|weixin`,
  String.raw`whats\s?app`,
  String.raw`微信`,
  String.raw`\bqq\b`,
  String.raw`telegram`,
  String.raw`skype`,
  String.raw`viber|zalo|kakao`,
  String.raw`facebook|messenger|instagram`,
  String.raw`\bline id\b`,
  String.raw`\b(?:wx|vx)\b`,
  String.raw`v信|薇信|威信`,
  String.raw`加我|加微|加v`,
  String.raw`私聊|私信|私下`,
  String.raw`线下`,
  String.raw`电话|手机|\btel:`,
  String.raw`邮箱|e-?mail`,
  String.raw`contact us|contact me`,
  String.raw`better price|best price|lowest price`,
  String.raw`paypal`,
  String.raw`western union|moneygram`,
  String.raw`bank account|personal account`,
  String.raw`个人账户|私人账户|对私`,
  String.raw`支付宝|alipay`,
  String.raw`不走信保|no trade assurance`,
  String.raw`官网|official (?:web)?site|our website`,
  String.raw`\bdot com\b|\[at\]|\(at\)`,
  String.raw`扫码|二维码|qr code`,
  String.raw`纸飞机|飞机号|扣扣`,
  String.raw`\bcall me\b|\bdm me\b|whatsapp me`,
];

export const NAIVE_RE = new RegExp(NAIVE_PATTERNS.join("|"), "i");

export type NaiveFormat = "csv" | "jsonl" | "lines";

export function naiveFormatOf(path: string): NaiveFormat {
  const ext = extname(path).toLowerCase();
  if (ext === ".csv" || ext === ".tsv") return "csv";
  if (ext === ".jsonl" || ext === ".ndjson") return "jsonl";
  return "lines";
}

function countQuotes(line: string): number {
  let n = 0;
  for (let i = line.indexOf('"'); i !== -1; i = line.indexOf('"', i + 1)) n++;
  return n;
}

/** The first cell of a CSV line (unquoted, trimmed). */
function firstCell(line: string, delimiter: string): string {
  if (line.startsWith('"')) {
    const end = line.indexOf('"', 1);
    return (end === -1 ? line.slice(1) : line.slice(1, end)).trim();
  }
  const end = line.indexOf(delimiter);
  return (end === -1 ? line : line.slice(0, end)).trim();
}

const JSON_ID = /"id"\s*:\s*"((?:[^"\\]|\\.)*)"/;

export interface NaiveResult {
  /** Rows seen (CSV: after the header). */
  rows: number;
  lines: number;
  /** Keys of matching rows, each once, in file order. */
  flagged: string[];
}

/** Scan a file; `onKey` is called once per matching row, as soon as it matches. */
export async function naiveScan(path: string, onKey?: (key: string) => void): Promise<NaiveResult> {
  const format = naiveFormatOf(path);
  const delimiter = extname(path).toLowerCase() === ".tsv" ? "\t" : ",";
  const rl = createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Infinity });
  const flagged: string[] = [];
  let lines = 0;
  let rows = 0;
  let inQuotes = false;
  let key = "";
  let reported = false;
  for await (const line of rl) {
    lines++;
    if (format === "csv") {
      const startsRow = !inQuotes;
      if (countQuotes(line) % 2 === 1) inQuotes = !inQuotes;
      if (lines === 1) continue; // header (a multi-line header cell is not supported)
      if (startsRow) {
        rows++;
        key = firstCell(line, delimiter) || `line:${lines}`;
        reported = false;
      }
    } else {
      rows++;
      key = format === "jsonl" ? (JSON_ID.exec(line)?.[1] ?? `line:${lines}`) : `line:${lines}`;
      reported = false;
    }
    if (!reported && NAIVE_RE.test(line)) {
      reported = true;
      flagged.push(key);
      onKey?.(key);
    }
  }
  return { rows, lines, flagged };
}

async function main(argv: string[]): Promise<number> {
  if (argv.length !== 1 || argv[0] === "-h" || argv[0] === "--help") {
    process.stderr.write("usage: node dist/src/bench/naive-scan.js <file.csv|file.jsonl|file>\nprints the key of each row that matches\n");
    return argv.length === 1 ? 0 : 2;
  }
  let out: string[] = [];
  const flush = () => {
    if (out.length) process.stdout.write(out.join(""));
    out = [];
  };
  const result = await naiveScan(argv[0]!, (key) => {
    out.push(key + "\n");
    if (out.length >= 4096) flush();
  });
  flush();
  process.stderr.write(`naive-scan: ${result.flagged.length} of ${result.rows} rows matched\n`);
  return 0;
}


if (isMain(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error) => {
      process.stderr.write(`naive-scan: ${(error as Error).message}\n`);
      process.exitCode = 2;
    },
  );
}
