// The `yaml` package, loaded when first needed: ~20 ms of start-up (72 files) that a run reading
// no YAML never pays (the packs and profiles come from the build's bundle). `yaml` is a CommonJS
// package, so `require` gives the same instance an `import` would.
import { createRequire } from "node:module";
import type * as YamlModule from "yaml";

let loaded: typeof YamlModule | undefined;

export function yaml(): typeof YamlModule {
  return (loaded ??= createRequire(import.meta.url)("yaml") as typeof YamlModule);
}
