// Platform profiles: the bundled YAML files (the only I/O of src/penalties/, read once and
// cached), lookup by id, and the user's overrides merged over a bundled profile (pure).

import { readdirSync } from "node:fs";
import { basename, join } from "node:path";
import { yaml } from "../lazy-modules.js";
import { readYamlData } from "../data-bundle.js";
import { dataPath } from "../paths.js";
import type { PlatformProfile, ProfileOverride, ProfileSource } from "./types.js";
import { assertProfile, toBilingual } from "./validate.js";

export const DEFAULT_PLATFORM = "alibaba";

/** The source id given to numbers that come from the user's configuration. */
export const CONFIG_SOURCE: ProfileSource = Object.freeze({
  id: "config",
  title: "user configuration",
  url: null,
  date: null,
  kind: "config",
});

let bundled: Map<string, PlatformProfile> | undefined;

export function profilesDir(): string {
  return dataPath("src", "penalties", "profiles");
}

/** Parses and validates one profile from YAML text. `origin` names the file in errors. */
export function parseProfile(text: string, origin: string): PlatformProfile {
  return profileFrom(() => yaml().parse(text), origin);
}

/** The profile in the YAML that `read` parses, validated and frozen; errors name `origin`. */
function profileFrom(read: () => unknown, origin: string): PlatformProfile {
  let data: unknown;
  try {
    data = read();
  } catch (error) {
    throw new Error(`invalid platform profile ${origin}: ${(error as Error).message}`);
  }
  return deepFreeze(assertProfile(data, origin));
}

function loadBundled(): Map<string, PlatformProfile> {
  if (bundled) return bundled;
  const dir = profilesDir();
  const map = new Map<string, PlatformProfile>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort()) {
    const profile = profileFrom(() => readYamlData(join(dir, file)), file);
    if (profile.id !== basename(file, ".yaml")) {
      throw new Error(`invalid platform profile ${file}: id "${profile.id}" does not match the file name`);
    }
    map.set(profile.id, profile);
  }
  return (bundled = map);
}

/** All bundled profiles: the default (alibaba) first, then by id. */
export function listPlatforms(): PlatformProfile[] {
  const all = [...loadBundled().values()];
  return all.sort((a, b) =>
    a.id === DEFAULT_PLATFORM ? -1 : b.id === DEFAULT_PLATFORM ? 1 : a.id.localeCompare(b.id),
  );
}

/** A bundled profile; an unknown id is an error that lists the valid ids. */
export function getProfile(id: string = DEFAULT_PLATFORM): PlatformProfile {
  const profile = loadBundled().get(id);
  if (profile) return profile;
  const ids = listPlatforms().map((p) => p.id);
  const near = nearest(id, ids);
  throw new Error(
    `unknown platform "${id}"${near ? ` (did you mean "${near}"?)` : ""}; valid platforms: ${ids.join(", ")}`,
  );
}

/** A bundled profile with the user's overrides (from config) merged over it. */
export function resolveProfile(id: string = DEFAULT_PLATFORM, override?: ProfileOverride | null): PlatformProfile {
  const base = getProfile(id);
  return override ? mergeProfile(base, override) : base;
}

// ---------------------------------------------------------------------------
// Overrides. Platforms change their rules; users put their own numbers in config:
//
//   platform: alibaba
//   penalties:
//     perViolation: { im: { error: { points: 12 } } }
//     thresholds: [{ points: 12, action: "restricted 7 days" }]
//
// Objects merge key by key, lists replace the bundled list (except `sources`, which are added
// by id), null means unknown. A number the
// user sets without naming sources is attributed to the `config` source with confidence high
// (the user knows their account); the bundled basis and claims no longer apply to it.

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Pure: returns a new validated profile; `base` is not modified. */
export function mergeProfile(base: PlatformProfile, override: ProfileOverride): PlatformProfile {
  const o = normaliseBilingual(override) as Obj;
  if (!isObj(o)) throw new Error(`invalid platform override for ${base.id}: expected a mapping`);
  const merged = deepMerge(
    structuredClone(base) as unknown as Obj,
    omit(o, ["id", "sources", "perViolation", "thresholds"]),
  );
  merged.id = base.id;
  // Sources are added (or replaced by id), never dropped: bundled numbers still cite theirs.
  if (Array.isArray(o.sources)) {
    const byId = new Map((merged.sources as Obj[]).map((s) => [s.id, s] as const));
    for (const s of o.sources) byId.set(isObj(s) ? s.id : s, isObj(s) ? { url: null, date: null, ...s } : s);
    merged.sources = [...byId.values()];
  }
  let usesConfig = false;

  if (isObj(o.perViolation)) {
    const pv = merged.perViolation as Obj;
    for (const [category, entry] of Object.entries(o.perViolation)) {
      if (!isObj(entry)) {
        pv[category] = entry; // let validation report it
        continue;
      }
      const baseEntry = (pv[category] ?? structuredClone(base.perViolation.default)) as Obj;
      const next: Obj = { ...baseEntry };
      for (const severity of ["error", "warning"] as const) {
        const patch = entry[severity];
        if (patch === undefined) continue;
        if (patch === null) {
          delete next[severity];
          continue;
        }
        if (!isObj(patch)) {
          next[severity] = patch;
          continue;
        }
        const from = (baseEntry[severity] ?? baseEntry.error) as Obj;
        const rule = deepMerge(structuredClone(from), patch);
        if (("points" in patch || "fine" in patch) && patch.sources === undefined) {
          attributeToConfig(rule, patch);
          if (patch.basis === undefined) delete rule.basis;
          if (patch.claims === undefined) delete rule.claims;
          usesConfig = true;
        }
        next[severity] = rule;
      }
      for (const key of Object.keys(entry)) if (key !== "error" && key !== "warning") next[key] = entry[key];
      pv[category] = next;
    }
  }

  if (Array.isArray(o.thresholds)) {
    merged.thresholds = o.thresholds.map((t) => {
      if (!isObj(t)) return t;
      const out: Obj = { ...t };
      if (out.short === undefined) out.short = out.action;
      if (out.sources === undefined) {
        attributeToConfig(out, t);
        usesConfig = true;
      }
      return out;
    });
  }

  for (const key of ["window", "aggregation"] as const) {
    const patch = o[key];
    const numeric = key === "window" ? "days" : "per";
    if (isObj(patch) && numeric in patch && patch.sources === undefined) {
      attributeToConfig(merged[key] as Obj, patch);
      usesConfig = true;
    }
  }

  if (usesConfig && !(merged.sources as Obj[]).some((s) => s.id === CONFIG_SOURCE.id)) {
    (merged.sources as Obj[]).push({ ...CONFIG_SOURCE });
  }
  return deepFreeze(assertProfile(merged, `${base.id} (with overrides from config)`));
}

function attributeToConfig(target: Obj, patch: Obj): void {
  target.sources = [CONFIG_SOURCE.id];
  target.confidence = patch.confidence ?? "high";
}

function deepMerge(target: Obj, patch: Obj): Obj {
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    target[key] = isObj(value) && isObj(target[key]) ? deepMerge(target[key] as Obj, value) : structuredClone(value);
  }
  return target;
}

function omit(o: Obj, keys: string[]): Obj {
  return Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
}

// Keys whose values are Bilingual; config may give one string for both languages.
const BILINGUAL_KEYS = new Set(["name", "likelyAction", "summaryNote", "action", "short", "basis", "text"]);
const BILINGUAL_LISTS = new Set(["actions", "exceptions", "notes"]);

function normaliseBilingual(v: unknown, key = ""): unknown {
  if (BILINGUAL_KEYS.has(key)) return toBilingual(v);
  if (Array.isArray(v)) return v.map((item) => (BILINGUAL_LISTS.has(key) ? toBilingual(item) : normaliseBilingual(item)));
  if (isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normaliseBilingual(x, k)]));
  return v;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** The closest id by edit distance, if close enough to be a typo. */
function nearest(input: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(input.toLowerCase(), c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}
