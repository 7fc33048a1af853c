#!/usr/bin/env node
// Thin launcher: the CLI is compiled TypeScript in dist/ (built by `npm install` via `prepare`).
import { run } from "../dist/src/cli.js";

// `offsite-lint … | head`: a closed pipe ends the output, not the process with a stack trace.
process.stdout.on("error", (error) => {
  if (error && error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

run(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`offsite-lint: internal error: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 2;
  },
);
