// Configuration errors. The CLI turns every ConfigError into exit code 2, so the message must
// stand on its own: which file, which key, what is wrong, and the likely fix.

/** A key path inside a config: `["rules", "no-emial"]`, `["overrides", 0, "files"]`. */
export type KeyPath = ReadonlyArray<string | number>;

export interface ConfigErrorDetails {
  /** The config file (or plugin module, or CLI flag source) the problem is in. */
  filepath?: string;
  keyPath?: KeyPath;
  /** 1-based, when the parser (or the key locator) knows it. */
  line?: number;
  column?: number;
  /**
   * What is invalid, when it isn't a config file: `plugin ./rules/x.js`, `--rule "no-email:of"`.
   * Default: `configuration in <filepath>`.
   */
  subject?: string;
}

export class ConfigError extends Error {
  readonly filepath?: string;
  readonly keyPath?: KeyPath;
  readonly line?: number;
  readonly column?: number;
  readonly subject?: string;
  /** The problem alone, without the file/key prefix (for tools that lay those out themselves). */
  readonly detail: string;

  constructor(detail: string, details: ConfigErrorDetails = {}) {
    super(formatConfigErrorMessage(detail, details));
    this.name = "ConfigError";
    this.detail = detail;
    this.filepath = details.filepath;
    this.keyPath = details.keyPath;
    this.line = details.line;
    this.column = details.column;
    this.subject = details.subject;
  }

  /** The same error with a source position added (positions are found after the fact). */
  withPosition(line: number, column?: number): ConfigError {
    return new ConfigError(this.detail, {
      filepath: this.filepath,
      keyPath: this.keyPath,
      subject: this.subject,
      line,
      column,
    });
  }
}

/** `rules.no-emial`, `overrides[0].files`, `fields["Product Name"]`. */
export function formatKeyPath(keyPath: KeyPath): string {
  let out = "";
  for (const segment of keyPath) {
    if (typeof segment === "number") out += `[${segment}]`;
    // Rule ids contain `-` and `/`; only quote names that would read ambiguously.
    else if (/^[\w\-/@:*?]+$/u.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

function formatConfigErrorMessage(detail: string, details: ConfigErrorDetails): string {
  let where = details.filepath ?? "config";
  if (details.line !== undefined) {
    where += `:${details.line}`;
    if (details.column !== undefined) where += `:${details.column}`;
  }
  const key = details.keyPath && details.keyPath.length > 0 ? ` ${formatKeyPath(details.keyPath)}:` : "";
  const subject = details.subject ?? `configuration in ${where}`;
  return `Invalid ${subject}:${key} ${detail}`;
}
