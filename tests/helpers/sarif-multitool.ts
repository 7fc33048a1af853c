// Runs the SARIF SDK's own validator (`Sarif.Multitool validate`, from the devDependency
// @microsoft/sarif-multitool) on a SARIF text, offline, and returns what it found.
//
// - The binary is found the documented way: `require("@microsoft/sarif-multitool")` is the path
//   of the platform package's executable.
// - Its package makes it executable in a postinstall script (`chmod u+x`); where install scripts
//   did not run, the binary is copied to a temp folder and made executable there.
// - The validator exits 0 even when it reports errors, so the verdict is read from its own
//   SARIF log (`-o`), never from the exit code.
// - GitHub's ingestion rules GH1001–GH1007 are off by default: a policy file turns them on as
//   errors. SARIF2006 (URIs should be reachable) does HTTP requests: turned off (tests are offline).
// - It silently skips a file whose enum values (level, columnKind) are unknown, reporting
//   nothing: callers also check that the validator did analyse the file (`analysed`), and check
//   enum values themselves (`enumViolations`).

import { spawnSync } from "node:child_process";
import { accessSync, chmodSync, constants, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

export interface ValidatorFinding {
  ruleId: string;
  level: string;
  message: string;
}

export interface ValidatorReport {
  findings: ValidatorFinding[];
  errors: ValidatorFinding[];
  warnings: ValidatorFinding[];
  /** Tool notifications at level error (the validator could not run properly). */
  toolErrors: string[];
  stdout: string;
  exitCode: number | null;
}

const GITHUB_RULES = [
  "GH1001.ProvideRequiredLocationProperties",
  "GH1002.InlineThreadFlowLocations",
  "GH1003.ProvideRequiredRegionProperties",
  "GH1004.ReviewArraysThatExceedConfigurableDefaults",
  "GH1005.LocationsMustBeRelativeUrisOrFilePaths",
  "GH1006.ProvideCheckoutPath",
  "GH1007.ProvideFullyFormattedMessageStrings",
];

const POLICY = `<?xml version="1.0" encoding="utf-8"?>
<Properties>
${GITHUB_RULES.map((r) => `  <Properties Key="${r}.Options"><Property Key="RuleEnabled" Value="Error" Type="Driver.RuleEnabledState" /></Properties>`).join("\n")}
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options"><Property Key="RuleEnabled" Value="Disabled" Type="Driver.RuleEnabledState" /></Properties>
</Properties>
`;

let workDir: string | undefined;
let binary: string | undefined;

function scratch(): string {
  return (workDir ??= mkdtempSync(join(tmpdir(), "offsite-sarif-")));
}

/** Removes the temp folder (inputs, logs, the copied binary); call from afterAll. */
export function cleanupSarifValidator(): void {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
  workDir = undefined;
  binary = undefined;
}

/** The multitool executable, made runnable if the package's postinstall did not run. */
export function multitoolPath(): string {
  if (binary) return binary;
  const installed = require("@microsoft/sarif-multitool") as string;
  if (!existsSync(installed)) throw new Error(`SARIF multitool binary not found at ${installed}`);
  try {
    accessSync(installed, constants.X_OK);
    return (binary = installed);
  } catch {
    const copy = join(scratch(), process.platform === "win32" ? "Sarif.Multitool.exe" : "Sarif.Multitool");
    copyFileSync(installed, copy);
    chmodSync(copy, 0o755);
    // The tool reads default.configuration.xml beside itself when present.
    const defaults = join(dirname(installed), "default.configuration.xml");
    if (existsSync(defaults)) copyFileSync(defaults, join(scratch(), "default.configuration.xml"));
    return (binary = copy);
  }
}

let counter = 0;

/** Validates `sarifText` with the SARIF SDK's rules plus GitHub's ingestion rules. */
export function validateSarif(sarifText: string, name = "report"): ValidatorReport {
  const dir = scratch();
  const n = ++counter;
  const input = join(dir, `${name}-${n}.sarif`);
  const output = join(dir, `${name}-${n}.validation.sarif`);
  const policy = join(dir, "policy.xml");
  writeFileSync(input, sarifText);
  writeFileSync(policy, POLICY);
  const run = spawnSync(
    multitoolPath(),
    ["validate", input, "--output", output, "--log", "ForceOverwrite", "--rule-kind", "Sarif;Gh", "--config", policy, "--level", "Error;Warning;Note"],
    {
      encoding: "utf8",
      timeout: 120_000,
      env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: "1", DOTNET_NOLOGO: "1" },
    },
  );
  if (run.error) throw run.error;
  if (!existsSync(output)) throw new Error(`the SARIF validator wrote no log (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  const log = JSON.parse(readFileSync(output, "utf8").replace(/^\uFEFF/, "")) as {
    runs: {
      results?: { ruleId: string; level?: string; message: { text?: string; id?: string; arguments?: string[] } }[];
      invocations?: { toolExecutionNotifications?: Notification[]; toolConfigurationNotifications?: Notification[] }[];
    }[];
  };
  const findings: ValidatorFinding[] = [];
  const toolErrors: string[] = [];
  for (const r of log.runs) {
    for (const result of r.results ?? []) {
      findings.push({
        ruleId: result.ruleId,
        level: result.level ?? "warning",
        message: result.message.text ?? [result.message.id, ...(result.message.arguments ?? [])].join(" "),
      });
    }
    for (const inv of r.invocations ?? []) {
      for (const note of [...(inv.toolExecutionNotifications ?? []), ...(inv.toolConfigurationNotifications ?? [])]) {
        if (note.level === "error") toolErrors.push(note.message?.text ?? JSON.stringify(note));
      }
    }
  }
  return {
    findings,
    errors: findings.filter((f) => f.level === "error"),
    warnings: findings.filter((f) => f.level === "warning"),
    toolErrors,
    stdout: run.stdout,
    exitCode: run.status,
  };
}

interface Notification {
  level?: string;
  message?: { text?: string };
}

/**
 * Values of enum-typed properties that the SARIF 2.1.0 schema (the copy shipped with the
 * multitool) does not allow. Property bags (`properties`) are ours and not checked.
 */
export function enumViolations(log: unknown): string[] {
  const schemaPath = join(dirname(multitoolPathForSchema()), "sarif-2.1.0.json");
  type Props = Record<string, { enum?: string[]; items?: { enum?: string[] } }>;
  const schema = JSON.parse(readFileSync(schemaPath, "utf8").replace(/^\uFEFF/, "")) as {
    properties: Props;
    definitions: Record<string, { properties?: Props }>;
  };
  // By property name, across definitions; a name that is an enum in one place and free text in
  // another (`version`, `kind`) is ambiguous without tracking types, so it is left out.
  const allowed = new Map<string, Set<string>>();
  const free = new Set<string>();
  for (const def of Object.values(schema.definitions)) {
    for (const [prop, spec] of Object.entries(def.properties ?? {})) {
      const values = spec.enum ?? spec.items?.enum;
      if (!values) {
        free.add(prop);
        continue;
      }
      const set = allowed.get(prop) ?? new Set<string>();
      for (const v of values) set.add(v);
      allowed.set(prop, set);
    }
  }
  for (const prop of free) allowed.delete(prop);
  const problems: string[] = [];
  const root = log as Record<string, unknown>;
  for (const [prop, spec] of Object.entries(schema.properties)) {
    if (spec.enum && prop in root && !spec.enum.includes(root[prop] as string)) problems.push(`$.${prop}: "${String(root[prop])}"`);
  }
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) return value.forEach((v, i) => walk(v, `${path}[${i}]`));
    if (!value || typeof value !== "object") return;
    for (const [key, v] of Object.entries(value)) {
      if (key === "properties") continue;
      const set = allowed.get(key);
      if (set) {
        for (const item of Array.isArray(v) ? v : [v]) {
          if (typeof item === "string" && !set.has(item)) problems.push(`${path}.${key}: "${item}"`);
        }
      }
      walk(v, `${path}.${key}`);
    }
  };
  walk(log, "$");
  return problems;
}

/** The installed (not copied) binary: the schema file sits beside it. */
function multitoolPathForSchema(): string {
  return require("@microsoft/sarif-multitool") as string;
}
