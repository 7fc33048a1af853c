// Validation of platform profiles (bundled YAML, user files, merged overrides).
// Pure: takes parsed data, returns the list of problems with their paths. No I/O.

import { CATEGORIES, type Bilingual } from "../types.js";
import {
  CONFIDENCES,
  SCORINGS,
  SOURCE_KINDS,
  type PlatformProfile,
} from "./types.js";

type Obj = Record<string, unknown>;

const PROFILE_KEYS = [
  "id",
  "name",
  "scoring",
  "currency",
  "sources",
  "perViolation",
  "aggregation",
  "window",
  "thresholds",
  "actions",
  "likelyAction",
  "claims",
  "conflicts",
  "exceptions",
  "notes",
  "summaryNote",
] as const;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** Collects problems as `path: message`; small helpers keep each check one line. */
class Checker {
  readonly problems: string[] = [];
  constructor(private readonly sourceIds: Set<string>, private readonly claimIds: Set<string>) {}

  fail(path: string, message: string): void {
    this.problems.push(`${path}: ${message}`);
  }

  object(v: unknown, path: string): v is Obj {
    if (isObj(v)) return true;
    this.fail(path, "expected an object");
    return false;
  }

  array(v: unknown, path: string): v is unknown[] {
    if (Array.isArray(v)) return true;
    this.fail(path, "expected a list");
    return false;
  }

  string(v: unknown, path: string): void {
    if (typeof v !== "string" || v.trim() === "") this.fail(path, "expected a non-empty string");
  }

  stringOrNull(v: unknown, path: string): void {
    if (v !== null && typeof v !== "string") this.fail(path, "expected a string or null");
  }

  bilingual(v: unknown, path: string): void {
    if (!this.object(v, path)) return;
    this.string(v.en, `${path}.en`);
    this.string(v["zh-CN"], `${path}.zh-CN`);
  }

  oneOf(v: unknown, allowed: readonly string[], path: string): void {
    if (typeof v !== "string" || !allowed.includes(v)) {
      this.fail(path, `expected one of ${allowed.join(", ")}; got ${JSON.stringify(v)}`);
    }
  }

  amount(v: unknown, path: string): void {
    if (v === null) return;
    if (!isNum(v) || v < 0) this.fail(path, "expected a number >= 0 or null (unknown)");
  }

  range(v: unknown, path: string): void {
    if (v === undefined || v === null) return;
    if (!this.object(v, path)) return;
    this.amount(v.min ?? null, `${path}.min`);
    this.amount(v.max ?? null, `${path}.max`);
    if (isNum(v.min) && isNum(v.max) && v.min > v.max) this.fail(path, "min is greater than max");
  }

  /** Every object that carries numbers names its sources (known ids) and a confidence. */
  sourced(v: Obj, path: string): void {
    if (this.array(v.sources, `${path}.sources`)) {
      if (v.sources.length === 0) this.fail(`${path}.sources`, "names no source");
      v.sources.forEach((id, i) => {
        if (typeof id !== "string" || !this.sourceIds.has(id)) {
          this.fail(`${path}.sources[${i}]`, `unknown source id ${JSON.stringify(id)}`);
        }
      });
    }
    this.oneOf(v.confidence, CONFIDENCES, `${path}.confidence`);
  }

  claimRefs(v: unknown, path: string): void {
    if (v === undefined) return;
    if (!this.array(v, path)) return;
    v.forEach((id, i) => {
      if (typeof id !== "string" || !this.claimIds.has(id)) {
        this.fail(`${path}[${i}]`, `unknown claim id ${JSON.stringify(id)}`);
      }
    });
  }

  rule(v: unknown, path: string, scoring: unknown): void {
    if (!this.object(v, path)) return;
    this.amount(v.points, `${path}.points`);
    this.amount(v.fine, `${path}.fine`);
    if (scoring === "none" && v.points !== null) this.fail(`${path}.points`, "scoring is none: points must be null");
    this.bilingual(v.action, `${path}.action`);
    if (v.basis !== undefined) this.bilingual(v.basis, `${path}.basis`);
    this.claimRefs(v.claims, `${path}.claims`);
    this.sourced(v, path);
  }
}

/** Problems of one profile, each `path: message`; empty when valid. */
export function profileProblems(data: unknown): string[] {
  if (!isObj(data)) return ["(root): expected a mapping"];
  const sourceIds = new Set(
    Array.isArray(data.sources) ? data.sources.filter(isObj).map((s) => String(s.id)) : [],
  );
  const claimIds = new Set(Array.isArray(data.claims) ? data.claims.filter(isObj).map((c) => String(c.id)) : []);
  const c = new Checker(sourceIds, claimIds);

  for (const key of Object.keys(data)) {
    if (!(PROFILE_KEYS as readonly string[]).includes(key)) c.fail(key, "unknown key");
  }
  if (typeof data.id !== "string" || !/^[a-z0-9][a-z0-9-]*$/.test(data.id)) {
    c.fail("id", "expected a lower-case id (letters, digits, -)");
  }
  c.bilingual(data.name, "name");
  c.oneOf(data.scoring, SCORINGS, "scoring");
  if (data.currency !== null && (typeof data.currency !== "string" || !/^[A-Z]{3}$/.test(data.currency))) {
    c.fail("currency", "expected an ISO 4217 code (CNY, USD) or null");
  }

  if (c.array(data.sources, "sources")) {
    const seen = new Set<string>();
    data.sources.forEach((s, i) => {
      const p = `sources[${i}]`;
      if (!c.object(s, p)) return;
      c.string(s.id, `${p}.id`);
      if (seen.has(String(s.id))) c.fail(`${p}.id`, `duplicate source id ${String(s.id)}`);
      seen.add(String(s.id));
      c.string(s.title, `${p}.title`);
      c.stringOrNull(s.url, `${p}.url`);
      c.stringOrNull(s.date, `${p}.date`);
      if (typeof s.date === "string" && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(s.date)) {
        c.fail(`${p}.date`, "expected YYYY, YYYY-MM or YYYY-MM-DD");
      }
      c.oneOf(s.kind, SOURCE_KINDS, `${p}.kind`);
    });
  }

  if (c.object(data.perViolation, "perViolation")) {
    const pv = data.perViolation;
    if (pv.default === undefined) c.fail("perViolation.default", "missing");
    for (const [key, value] of Object.entries(pv)) {
      const p = `perViolation.${key}`;
      if (key !== "default" && !(CATEGORIES as readonly string[]).includes(key)) {
        c.fail(p, `unknown category; expected default or one of ${CATEGORIES.join(", ")}`);
        continue;
      }
      if (!c.object(value, p)) continue;
      for (const k of Object.keys(value)) if (k !== "error" && k !== "warning") c.fail(`${p}.${k}`, "unknown key");
      c.rule(value.error, `${p}.error`, data.scoring);
      if (value.warning !== undefined) c.rule(value.warning, `${p}.warning`, data.scoring);
    }
  }

  if (c.object(data.aggregation, "aggregation")) {
    const a = data.aggregation;
    c.oneOf(a.per, ["violation", "listing"], "aggregation.per");
    c.bilingual(a.text, "aggregation.text");
    if (a.warningWeight !== undefined && (!isNum(a.warningWeight) || a.warningWeight < 0 || a.warningWeight > 1)) {
      c.fail("aggregation.warningWeight", "expected a number from 0 to 1");
    }
    c.sourced(a, "aggregation");
  }

  if (c.object(data.window, "window")) {
    c.amount(data.window.days, "window.days");
    c.bilingual(data.window.text, "window.text");
    c.sourced(data.window, "window");
  }

  if (c.array(data.thresholds, "thresholds")) {
    let previous = -Infinity;
    data.thresholds.forEach((t, i) => {
      const p = `thresholds[${i}]`;
      if (!c.object(t, p)) return;
      if (!isNum(t.points) || t.points <= 0) c.fail(`${p}.points`, "expected a number > 0");
      else if (t.points <= previous) c.fail(`${p}.points`, "thresholds must be ascending");
      else previous = t.points;
      c.bilingual(t.action, `${p}.action`);
      c.bilingual(t.short, `${p}.short`);
      c.sourced(t, p);
    });
    if (data.scoring !== "points" && data.thresholds.length > 0) {
      c.fail("thresholds", "only a points platform (scoring: points) has a points ladder");
    }
  }

  for (const key of ["actions", "exceptions", "notes"] as const) {
    if (c.array(data[key], key)) (data[key] as unknown[]).forEach((b, i) => c.bilingual(b, `${key}[${i}]`));
  }
  c.bilingual(data.likelyAction, "likelyAction");
  if (data.summaryNote !== null) c.bilingual(data.summaryNote, "summaryNote");

  if (c.array(data.claims, "claims")) {
    const seen = new Set<string>();
    data.claims.forEach((cl, i) => {
      const p = `claims[${i}]`;
      if (!c.object(cl, p)) return;
      c.string(cl.id, `${p}.id`);
      if (seen.has(String(cl.id))) c.fail(`${p}.id`, `duplicate claim id ${String(cl.id)}`);
      seen.add(String(cl.id));
      c.stringOrNull(cl.date, `${p}.date`);
      c.bilingual(cl.text, `${p}.text`);
      c.range(cl.points, `${p}.points`);
      c.range(cl.fine, `${p}.fine`);
      c.range(cl.days, `${p}.days`);
      if (cl.currency !== undefined && (typeof cl.currency !== "string" || !/^[A-Z]{3}$/.test(cl.currency))) {
        c.fail(`${p}.currency`, "expected an ISO 4217 code");
      }
      if (typeof cl.used !== "boolean") c.fail(`${p}.used`, "expected true or false");
      c.sourced(cl, p);
    });
  }

  if (c.array(data.conflicts, "conflicts")) {
    data.conflicts.forEach((cf, i) => {
      const p = `conflicts[${i}]`;
      if (!c.object(cf, p)) return;
      c.bilingual(cf.text, `${p}.text`);
      c.claimRefs(cf.claims, `${p}.claims`);
    });
  }
  return c.problems;
}

/** Throws one error naming the origin and every problem; returns the profile typed when valid. */
export function assertProfile(data: unknown, origin: string): PlatformProfile {
  const problems = profileProblems(data);
  if (problems.length > 0) {
    throw new Error(`invalid platform profile ${origin}:\n  ${problems.join("\n  ")}`);
  }
  return data as PlatformProfile;
}

/** Accepts a plain string (same text in both languages) where a Bilingual is expected. */
export function toBilingual(v: unknown): Bilingual | unknown {
  return typeof v === "string" ? { en: v, "zh-CN": v } : v;
}
