// Peak-RSS reporter for `npm run bench` when `/usr/bin/time` is not available (macOS, Windows):
// preloaded into a child with `node --import <this file>`, it writes the process's own peak resident
// set size (KiB, `process.resourceUsage().maxRSS`) to $OFFSITE_BENCH_RSS_FILE when the process exits.
// Worker threads live in the same process, so they are counted. The variable is removed at once so
// that processes the child starts do not overwrite the file.

import { writeFileSync } from "node:fs";

const target = process.env.OFFSITE_BENCH_RSS_FILE;
delete process.env.OFFSITE_BENCH_RSS_FILE;
if (target) {
  process.on("exit", () => {
    try {
      writeFileSync(target, `${process.resourceUsage().maxRSS}\n`);
    } catch {
      // best effort: the bench reports "n/a"
    }
  });
}
