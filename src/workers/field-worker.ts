// A lint worker (see ./pool.ts): builds the same linter as the main thread from its options, then
// lints the batches of fields it is sent and answers with their findings.

import { parentPort, workerData } from "node:worker_threads";
import { OffsiteLinter, type LintOptions } from "../index.js";
import { FieldMemo, type ActiveRule } from "../linter.js";
import { isBuiltinRule } from "../../rules/index.js";
import type { FieldBatch, WorkerReply } from "./pool.js";

const linter = OffsiteLinter.create((workerData as { options: LintOptions }).options);

/** The same options always as the same object: phrase sets are compiled once per options object. */
const optionObjects = new Map<string, Record<string, unknown>>();
function canonical(options: Record<string, unknown>): Record<string, unknown> {
  const key = JSON.stringify(options);
  let object = optionObjects.get(key);
  if (!object) optionObjects.set(key, (object = options));
  return object;
}

/** One memo per rule set and kernel options, kept across batches (the same file sends many). */
const memos = new Map<string, FieldMemo>();
function memoFor(batch: FieldBatch, ruleSet: number): FieldMemo {
  const key = JSON.stringify([batch.kind, batch.strict, batch.locale, batch.ruleSets[ruleSet]]);
  let memo = memos.get(key);
  if (!memo) {
    if (memos.size >= 16) memos.clear();
    memos.set(key, (memo = new FieldMemo(isBuiltinRule)));
  }
  return memo;
}

parentPort!.on("message", async ({ id, batch }: { id: number; batch: FieldBatch }) => {
  let reply: WorkerReply;
  try {
    const { loaded } = await linter;
    const ruleSets = batch.ruleSets.map((set) =>
      set.map(([ruleId, severity, options]): ActiveRule => {
        const rule = loaded.rules[ruleId];
        if (!rule) throw new Error(`lint worker: unknown rule ${ruleId}`);
        return { rule, severity, options: canonical(options) };
      }),
    );
    const memoOf = batch.ruleSets.map((_, k) => memoFor(batch, k));
    const findings = batch.fields.map((field) =>
      memoOf[field.ruleSet]!.lint({ name: field.name, text: field.text, origin: field.origin }, { kind: batch.kind, strict: batch.strict, locale: batch.locale, rules: ruleSets[field.ruleSet]! }),
    );
    reply = { id, findings };
  } catch (error) {
    reply = { id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort!.postMessage(reply);
});
