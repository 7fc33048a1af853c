import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { parseEvalArgs } from "../../src/eval/args.js";
import { main } from "../../src/eval/cli.js";

const FAKE = fileURLToPath(new URL("./fake-linter.mjs", import.meta.url));
const work = mkdtempSync(join(tmpdir(), "offsite-eval-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const corpusLines = [
  { id: "a", kind: "reply", lang: "en", text: "Hello,\nWhatsApp me: +86 138 0013 8000", expect: ["im", "phone"], spans: [{ text: "WhatsApp", category: "im" }, { text: "+86 138 0013 8000", category: "phone" }], note: "plain" },
  { id: "b", kind: "reply", lang: "en", text: "Please pay through Trade Assurance.", expect: [], spans: [], note: "clean" },
  { id: "c", kind: "listing", lang: "en", fields: { title: 'Wig 22.5"', description: 'Cap 22.5". See the QR code on the "card"' }, expect: ["qr"], spans: [{ text: "QR code", category: "qr" }], note: "csv quotes" },
  { id: "d", kind: "listing", lang: "en", fields: { title: "Lamp", description: 'Lamp 12"\nWhatsApp +86 138 0013 8001' }, expect: ["im", "phone"], spans: [{ text: "WhatsApp", category: "im" }, { text: "+86 138 0013 8001", category: "phone" }], note: "json escapes" },
  { id: "e", kind: "listing", lang: "en", fields: { title: "Phone case", description: "Works with the QR code scanner app" }, expect: [], spans: [], note: "trap" },
  { id: "f", kind: "listing", lang: "en", fields: { title: "Sign", description: "message us on telegram" }, expect: ["im"], spans: [{ text: "telegram", category: "im" }], note: "missed by the fake" },
];
const corpus = join(work, "corpus.jsonl");
writeFileSync(corpus, corpusLines.map((c) => JSON.stringify(c)).join("\n") + "\n");

async function run(argv: string[], env: Record<string, string> = {}) {
  let stdout = "";
  let stderr = "";
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const code = await main(argv, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
    return { code, stdout, stderr };
  } finally {
    process.env = saved;
  }
}

describe("eval cli", () => {
  it("writes the corpus, runs the linter once and scores it", async () => {
    const r = await run([corpus, "--bin", FAKE, "--verbose"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    // 6 expected pairs, telegram missed; the CSV/JSON spans after escapes are located exactly.
    expect(r.stdout).toMatch(/overall\s+83\.3%\s+5\/6\s+83\.3%\s+5\/6\s+83\.3%\s+5\/6/);
    expect(r.stdout).toContain("clean cases flagged: 50.0% (1/2)");
    expect(r.stdout).toContain("  f  im  listings.csv:3  missed by the fake");
    expect(r.stdout).toContain("  e  qr  listings.jsonl:1  trap");
  });

  it("exits 1 and names the thresholds not met", async () => {
    const r = await run([corpus, "--bin", FAKE, "--min-recall", "0.9", "--max-clean-flagged", "5%", "--min-precision", "0.5"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("FAIL: recall 83.3% (5/6) is below --min-recall 90.0%");
    expect(r.stderr).toContain("FAIL: clean cases flagged 50.0% (1/2) is above --max-clean-flagged 5.0%");
    expect(r.stderr).not.toContain("precision");
  });

  it("keeps the written files with --keep, and the temp folder is removed otherwise", async () => {
    const keep = join(work, "kept");
    const before = readdirSync(tmpdir()).filter((n) => n.startsWith("offsite-eval-") && !n.startsWith("offsite-eval-test-")).length;
    const r = await run([corpus, "--bin", FAKE, "--keep", keep, "--eol", "lf"]);
    expect(r.code).toBe(0);
    expect(readdirSync(keep).sort()).toEqual(["listings.csv", "listings.json", "listings.jsonl", "reply-0001.txt", "reply-0002.txt"]);
    expect(readFileSync(join(keep, "listings.csv"), "utf8")).toBe(
      '"title","description"\n"Wig 22.5""","Cap 22.5"". See the QR code on the ""card"""\n"Sign","message us on telegram"\n',
    );
    expect((await run([corpus, "--bin", FAKE, "--keep", keep])).code).toBe(2); // not empty
    await run([corpus, "--bin", FAKE]);
    const after = readdirSync(tmpdir()).filter((n) => n.startsWith("offsite-eval-") && !n.startsWith("offsite-eval-test-")).length;
    expect(after).toBe(before);
  });

  it("prints the score as JSON with --json", async () => {
    const r = await run([corpus, "--bin", FAKE, "--json"]);
    const j = JSON.parse(r.stdout);
    expect(j.recall).toEqual({ hit: 5, total: 6, value: 5 / 6 });
    expect(j.thresholdFailures).toEqual([]);
  });

  it("exits 2 when the linter fails or prints something else than JSON", async () => {
    const crash = await run([corpus, "--bin", FAKE], { FAKE_LINTER_MODE: "crash" });
    expect(crash.code).toBe(2);
    expect(crash.stderr).toContain("the linter exited with 2:\nfake-linter: boom");
    const garbage = await run([corpus, "--bin", FAKE], { FAKE_LINTER_MODE: "garbage" });
    expect(garbage.code).toBe(2);
    expect(garbage.stderr).toContain("not JSON");
  });

  it("exits 2 on bad usage and a bad corpus", async () => {
    expect((await run([])).code).toBe(2);
    expect((await run([corpus, "--min-recall", "abc"])).code).toBe(2);
    expect((await run([corpus, "--frobnicate"])).code).toBe(2);
    expect((await run([join(work, "missing.jsonl"), "--bin", FAKE])).code).toBe(2);
    expect((await run([corpus, "--bin", join(work, "nope.js")])).stderr).toContain("no such file");
    const bad = join(work, "bad.jsonl");
    writeFileSync(bad, JSON.stringify(corpusLines[0]) + "\n{oops\n");
    const r = await run([bad, "--bin", FAKE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("line 2: not valid JSON");
    expect((await run(["--help"])).stdout).toContain("usage: npm run eval");
  });
});

describe("parseEvalArgs", () => {
  it("reads thresholds as shares or percentages", () => {
    const p = parseEvalArgs(["c.jsonl", "--min-recall", "0.9", "--min-precision", "85%", "--max-clean-flagged", ".05", "--min-located", "1"]);
    expect(p).toMatchObject({ kind: "run", args: { corpus: "c.jsonl", thresholds: { minRecall: 0.9, minPrecision: 0.85, maxCleanFlagged: 0.05, minLocated: 1 }, csvEol: "\r\n" } });
  });
  it("rejects out-of-range numbers, extra files and unknown options", () => {
    expect(parseEvalArgs(["c.jsonl", "--min-recall", "1.5"]).kind).toBe("error");
    expect(parseEvalArgs(["c.jsonl", "--min-recall", "-1"]).kind).toBe("error");
    expect(parseEvalArgs(["a.jsonl", "b.jsonl"]).kind).toBe("error");
    expect(parseEvalArgs(["a.jsonl", "--eol", "cr"]).kind).toBe("error");
    expect(parseEvalArgs(["a.jsonl", "--nope"]).kind).toBe("error");
  });
});
