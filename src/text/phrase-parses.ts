// The bundled phrase packs' patterns parsed at build time. Parsing them (lexing, folded character
// variants, anchors) took ~0.3 s of every run's start-up, 40% of linting one small file (a
// pre-commit hook). `npm run build` reads every pack (`node dist/src/text/phrase-packs.js`) and
// writes dist/phrase-parses.json: each pattern's anchors, and a fingerprint of the code that
// computed them (the texts of this folder's modules). A run takes the parses only when its own
// code has that fingerprint: tests running from src/, or a build whose step was skipped, parse as
// before. A pack edited since the build just has patterns the file does not hold: they are parsed.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { dataPath } from "../paths.js";
import { patternParses, primePatternParses, type Anchor, type PatternParse } from "./phrases.js";

const FORMAT_VERSION = 1;

/**
 * The file: each distinct anchor group once (packs share their `define`d pieces), an anchor as its
 * text after a digit for its boundaries (1 before, 2 after, 3 both); each pattern as its source,
 * gap, the group that is its best anchors (-1: none) and its groups.
 */
interface ParsesFile {
  version: number;
  /** `codeFingerprint()` of the build that wrote the file. */
  code: string;
  groups: string[][];
  patterns: [source: string, defaultGap: number, best: number, groups: number[]][];
}

const encodeAnchor = (a: Anchor): string => `${(a.left ? 1 : 0) + (a.right ? 2 : 0)}${a.text}`;
const decodeAnchor = (coded: string): Anchor => {
  const flags = coded.charCodeAt(0) - 48;
  return { text: coded.slice(1), left: (flags & 1) !== 0, right: (flags & 2) !== 0 };
};

function encode(parses: readonly PatternParse[], code: string): ParsesFile {
  const groups: string[][] = [];
  const ids = new Map<string, number>();
  const groupId = (group: readonly Anchor[]): number => {
    const coded = group.map(encodeAnchor);
    const key = coded.join("\u0000");
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = groups.push(coded) - 1));
    return id;
  };
  const patterns = parses.map(({ source, defaultGap, anchors, anchorGroups }): ParsesFile["patterns"][number] => [
    source,
    defaultGap,
    anchors ? groupId(anchors) : -1,
    anchorGroups.map(groupId),
  ]);
  return { version: FORMAT_VERSION, code, groups, patterns };
}

function decode(file: ParsesFile): PatternParse[] {
  const groups = file.groups.map((group) => group.map(decodeAnchor));
  return file.patterns.map(([source, defaultGap, best, ids]) => ({
    source,
    defaultGap,
    anchors: best < 0 ? null : groups[best]!,
    anchorGroups: ids.map((id) => groups[id]!),
  }));
}

/** The default file, in the build's output. */
export const PHRASE_PARSES_FILE = dataPath("dist", "phrase-parses.json");

/** SHA-1 of the texts of the modules in this module's folder (the parser, the fold it uses). */
export function codeFingerprint(): string {
  const here = fileURLToPath(import.meta.url);
  const folder = dirname(here);
  const ext = extname(here);
  const hash = createHash("sha1");
  for (const name of readdirSync(folder).filter((n) => n.endsWith(ext)).sort()) {
    hash.update(`${name}\u0000`).update(readFileSync(join(folder, name)));
  }
  return hash.digest("hex");
}

/** The parses in `file` when it was written by code with fingerprint `code` (else null: no file,
 * unreadable or damaged, another format or other code). */
export function readBundledParses(file: string, code = codeFingerprint()): PatternParse[] | null {
  try {
    const value = JSON.parse(readFileSync(file, "utf8")) as ParsesFile;
    if (value?.version !== FORMAT_VERSION || value.code !== code) return null;
    return decode(value);
  } catch {
    return null; // parsing the packs is slower, never wrong
  }
}

let primed = false;

/** Takes the build's parses, once per process, when this code wrote them; else does nothing
 * (patterns are then parsed as they are met). */
export function primeBundledParses(): void {
  if (primed) return;
  primed = true;
  const parses = readBundledParses(PHRASE_PARSES_FILE);
  if (parses) primePatternParses(parses);
}

/** Writes the parses of every pattern `readPacks` parses (all parsed here: no earlier file is read). */
export function writePhraseParses(readPacks: () => void, file = PHRASE_PARSES_FILE): number {
  primed = true;
  readPacks();
  const parses = patternParses();
  writeFileSync(file, JSON.stringify(encode(parses, codeFingerprint())));
  return parses.length;
}
