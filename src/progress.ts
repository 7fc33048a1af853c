// The progress line on a terminal: `offsite-lint: 12/340 files · 15,234 records · 3.2 MB/s · 17 findings`
// on stderr, redrawn in place with `\r`, at most ~10 times a second, only once the run has taken
// a second, and erased at the end. Never on a pipe or a file, never in CI (`progressEnabled`).
// Pure: the counting (ProgressTracker) and the formatting take no clock; the writer
// (ProgressLine) takes an injected clock and write function, so tests drive time themselves.

/** What the line shows. */
export interface ProgressState {
  filesDone: number;
  filesTotal: number;
  records: number;
  bytes: number;
  findings: number;
}

/** Whether to show progress: stderr is a terminal and this is not CI (`CI` set, and not "false"/"0"). */
export function progressEnabled(stderrIsTTY: boolean, env: Readonly<Record<string, string | undefined>>): boolean {
  if (!stderrIsTTY) return false;
  const ci = env.CI;
  return ci === undefined || ci === "" || ci === "0" || ci.toLowerCase() === "false";
}

/** `1,234` (grouped thousands, locale-independent). */
function grouped(n: number): string {
  return String(Math.floor(n)).replace(/\B(?=(\d{3})+(?!\d))/gu, ",");
}

/** Bytes per second as `0.37 MB/s` (two significant decimals under 10). */
export function formatRate(bytes: number, elapsedMs: number): string {
  const mbps = elapsedMs > 0 ? bytes / 1e6 / (elapsedMs / 1000) : 0;
  return `${mbps < 10 ? mbps.toFixed(2) : mbps.toFixed(1)} MB/s`;
}

/** The progress text (no `\r`), cut to `columns - 1` characters so it never wraps. */
export function formatProgress(state: ProgressState, elapsedMs: number, columns?: number): string {
  const parts = [
    `${grouped(state.filesDone)}/${grouped(state.filesTotal)} files`,
    `${grouped(state.records)} records`,
    formatRate(state.bytes, elapsedMs),
    `${grouped(state.findings)} finding${state.findings === 1 ? "" : "s"}`,
  ];
  const text = `offsite-lint: ${parts.join(" · ")}`;
  if (columns === undefined || columns <= 1) return text;
  const max = columns - 1;
  return text.length <= max ? text : text.slice(0, Math.max(0, max - 1)) + "…";
}

/**
 * Counts what the run has done. Bytes: the files finished (their size) plus how far the current
 * file has been read (a reader may read a file twice, as XLSX does: the furthest point counts).
 */
export class ProgressTracker {
  private filesDone = 0;
  private filesTotal = 0;
  private records = 0;
  private bytesDone = 0;
  private findings = 0;
  private current: { size?: number; read: number; findings: number } | undefined;

  addFiles(n: number): void {
    this.filesTotal += n;
  }

  /** A file starts; `size` when known. */
  fileStart(size?: number): void {
    this.current = { size, read: 0, findings: 0 };
  }

  /** A record was read; `bytesRead`: of the current file so far, when known; `findings`: of the current file so far. */
  record(bytesRead?: number, findings?: number): void {
    this.records++;
    if (this.current && findings !== undefined && findings > this.current.findings) this.current.findings = findings;
    if (this.current && bytesRead !== undefined) {
      const read = this.current.size !== undefined ? Math.min(bytesRead, this.current.size) : bytesRead;
      if (read > this.current.read) this.current.read = read;
    }
  }

  /** The current file is done with `findings` messages. */
  fileDone(findings: number): void {
    this.filesDone++;
    this.findings += findings;
    if (this.current) this.bytesDone += this.current.size ?? this.current.read;
    this.current = undefined;
  }

  get state(): ProgressState {
    return {
      filesDone: this.filesDone,
      filesTotal: Math.max(this.filesTotal, this.filesDone),
      records: this.records,
      bytes: this.bytesDone + (this.current?.read ?? 0),
      findings: this.findings + (this.current?.findings ?? 0),
    };
  }
}

export interface ProgressLineOptions {
  /** Writes to stderr. */
  write: (text: string) => void;
  /** Milliseconds, monotonic (`performance.now`). */
  now: () => number;
  /** Nothing is drawn before the run is this old (default 1000 ms). */
  delayMs?: number;
  /** At most one redraw per this many milliseconds (default 100 ms: ~10×/s). */
  intervalMs?: number;
  /** The terminal width, when known. */
  columns?: () => number | undefined;
}

/** Draws the state on one line, throttled, and erases it. */
export class ProgressLine {
  private readonly start: number;
  private lastDraw = -Infinity;
  private drawn = "";
  private readonly delayMs: number;
  private readonly intervalMs: number;

  constructor(
    private readonly state: () => ProgressState,
    private readonly options: ProgressLineOptions,
  ) {
    this.start = options.now();
    this.delayMs = options.delayMs ?? 1000;
    this.intervalMs = options.intervalMs ?? 100;
  }

  /** Redraws if the run is over a second old and the last redraw is over 100 ms ago. */
  tick(): void {
    const now = this.options.now();
    if (now - this.start < this.delayMs || now - this.lastDraw < this.intervalMs) return;
    this.lastDraw = now;
    const text = formatProgress(this.state(), now - this.start, this.options.columns?.());
    if (text === this.drawn) return;
    // `\r`, the text, then erase what a longer previous line left to the right.
    this.options.write(`\r${text}\x1b[K`);
    this.drawn = text;
  }

  /** Erases the line (before other output, and at the end); the next tick draws it again. */
  clear(): void {
    if (this.drawn === "") return;
    this.options.write("\r\x1b[K");
    this.drawn = "";
    this.lastDraw = -Infinity;
  }

  /** Whether the line is on screen. */
  get visible(): boolean {
    return this.drawn !== "";
  }
}
