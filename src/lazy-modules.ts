// Packages loaded when first needed: start-up is most of a pre-commit hook's run, and a run that
// reads no YAML (the packs and profiles come from the build's bundle) or names only files (no
// glob, no folder) never needs these: `yaml` ~20 ms (72 files), `fast-glob` ~20 ms. Both are
// CommonJS packages, so `require` gives the same instance an `import` would.
import { createRequire } from "node:module";
import type FastGlob from "fast-glob";
import type * as YamlModule from "yaml";

const require = createRequire(import.meta.url);

function lazy<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}

export const yaml = lazy<typeof YamlModule>("yaml");
export const fastGlob = lazy<typeof FastGlob>("fast-glob");
