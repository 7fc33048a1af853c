#!/usr/bin/env node
// A stand-in for offsite-lint in the eval tests: `--format json --no-config-lookup <dir>`,
// finds a few ASCII patterns in the raw file text and reports them at their file positions.
// FAKE_LINTER_MODE=crash exits 2; =garbage prints non-JSON.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const mode = process.env.FAKE_LINTER_MODE;
if (mode === "crash") {
  process.stderr.write("fake-linter: boom\n");
  process.exit(2);
}
if (mode === "garbage") {
  process.stdout.write("this is not json\n");
  process.exit(0);
}

const args = process.argv.slice(2);
if (args[0] !== "--format" || args[1] !== "json" || args[2] !== "--no-config-lookup" || args.length !== 4) {
  process.stderr.write(`fake-linter: unexpected arguments ${JSON.stringify(args)}\n`);
  process.exit(2);
}
const dir = args[3];
const patterns = [
  [/WhatsApp/g, "im", "no-im-contact"],
  [/\+86[ \d]{10,16}\d/g, "phone", "no-phone-number"],
  [/QR code/g, "qr", "no-qr-code"],
];

function position(text, offset) {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (text[i] === "\n") {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

const results = [];
for (const name of readdirSync(dir).sort()) {
  const filePath = join(dir, name);
  const text = readFileSync(filePath, "utf8");
  const messages = [];
  for (const [re, category, ruleId] of patterns) {
    for (const m of text.matchAll(re)) {
      const s = position(text, m.index);
      const e = position(text, m.index + m[0].length);
      const message = { ruleId, severity: 2, message: `found ${m[0]}`, line: s.line, column: s.column, endLine: e.line, endColumn: e.column, match: m[0] };
      if (category !== "im") message.category = category; // im: taken from the rule id
      if (name.endsWith(".jsonl")) message.record = { index: s.line - 1 };
      messages.push(message);
    }
  }
  results.push({ filePath, messages, errorCount: messages.length, warningCount: 0, fatalErrorCount: 0, fixableErrorCount: 0, fixableWarningCount: 0, penalty: { platform: "alibaba", points: 0 } });
}
process.stdout.write(JSON.stringify(results));
process.exitCode = results.some((r) => r.messages.length > 0) ? 1 : 0;
