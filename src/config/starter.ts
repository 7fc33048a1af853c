// `offsite-lint init`: the text of a commented starter `.offsitelintrc.yaml`. Everything beyond
// platform and preset is commented out, so the file is valid as written and behaves like no config.

import type { KnownRules } from "./types.js";

export const STARTER_FILENAME = ".offsitelintrc.yaml";

export interface StarterOptions {
  /** Listed (commented) with their default severities, so users see what they can turn. */
  rules?: KnownRules;
  /** Listed in the comment on `platform`. */
  platforms?: readonly string[];
  platform?: string;
}

export function starterConfig(options: StarterOptions = {}): string {
  const platform = options.platform ?? "alibaba";
  const platformList = options.platforms?.length ? options.platforms.join(", ") : "see `offsite-lint platforms`";
  const ruleLines = Object.entries(options.rules ?? {}).map(
    ([id, rule]) => `  # ${id}: ${rule.meta.defaultSeverity}`.padEnd(40) + `# ${rule.meta.description.en}`,
  );
  return [
    "# offsite-lint configuration: checks listings and reply templates for off-platform diversion.",
    "# Docs: `offsite-lint rules`, `offsite-lint explain <rule-id>`.",
    "# 配置说明：`offsite-lint rules` 列出所有规则，`offsite-lint explain <规则>` 查看说明。",
    "",
    `# Penalty profile used for the estimates: ${platformList}`,
    `platform: ${platform}`,
    "",
    "# recommended: each rule at its default severity.",
    "# strict: every rule at least `warn`, and weaker signals reported too (every app-name mention,",
    "# every long digit run). Good for a final check before a bulk upload.",
    "extends: recommended",
    "",
    "# Severity per rule: off, warn or error; with options: [severity, { ... }], e.g.",
    '#   no-external-link: [error, { allow: ["*.alibaba.com", "ourbrand.com"] }]',
    "rules:",
    ...(ruleLines.length > 0
      ? ruleLines
      : ["  # no-phone-number: warn", '  # no-external-link: [error, { allow: ["*.alibaba.com", "ourbrand.com"] }]']),
    "",
    "# Per-field settings, by field name (CSV header, JSON path) or glob.",
    "fields:",
    "  # company_profile: { rules: { no-external-link: off } }   # Alibaba allows the official site there",
    "  # sku: ignore",
    "",
    "# Settings for some files only (globs relative to this file).",
    "overrides:",
    '  # - files: ["templates/after-sales/**"]',
    "  #   rules: { no-qr-code: warn }",
    "",
    "# Your team's own phrase rules. `match`: literals, compared ignoring width and case;",
    "# `regex`: RE2 syntax (linear time: no backreferences or lookaround).",
    "phrases:",
    "  # - id: team/no-dm",
    "  #   category: offline-deal",
    "  #   severity: error",
    '  #   message: "Asks the buyer to message privately"',
    '  #   match: ["DM me", "私信我"]',
    '  #   regex: ["pm\\\\s*me"]',
    "",
    "# Rule modules (exporting `rules`), relative to this file.",
    '# plugins: ["./rules/team-rules.js"]',
    "",
    "# Files never linted (as in .offsitelintignore).",
    '# ignorePatterns: ["exports/archive/**"]',
    "",
  ].join("\n");
}
