// Field linting in worker threads (`--concurrency`): the main thread reads and parses the file and
// turns findings into messages (it alone knows where each field sits in the file); workers run the
// rules on batches of fields. Batches come back in the order they were sent, so messages keep the
// order of a single-threaded run, and at most a few batches are in flight (back-pressure: a huge
// file is never read ahead of the workers).

import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { FieldFinding } from "../linter.js";
import type { FieldOrigin, Locale } from "../types.js";

/** One field to lint: its text and which of the batch's rule sets applies to it. */
export interface FieldJob {
  name: string;
  text: string;
  origin?: FieldOrigin;
  /** Index into `FieldBatch.ruleSets`. */
  ruleSet: number;
}

/** Rule settings as data: [rule id, severity, options]. */
export type RuleSetting = [string, 1 | 2, Record<string, unknown>];

export interface FieldBatch {
  kind: "listing" | "reply";
  strict: boolean;
  locale: Locale;
  ruleSets: RuleSetting[][];
  fields: FieldJob[];
}

export type WorkerReply = { id: number; findings: FieldFinding[][] } | { id: number; error: string };

/** `--concurrency`: a number of workers, "auto" (workers for big files only), or "off". */
export type Concurrency = number | "auto" | "off";

/** Files at least this big are linted with workers under "auto": below it, starting them costs more than they save. */
export const AUTO_MIN_BYTES = 4 * 1024 * 1024;

/** How many workers a setting asks for (0: lint in the main thread). */
export function workerCount(concurrency: Concurrency | undefined, fileBytes: number | undefined): number {
  if (concurrency === undefined || concurrency === "off") return 0;
  if (concurrency === "auto") {
    const cores = availableParallelism();
    return cores > 1 && fileBytes !== undefined && fileBytes >= AUTO_MIN_BYTES ? Math.min(cores, 4) : 0;
  }
  return Math.max(0, Math.floor(concurrency));
}

/** Parses `--concurrency`: a positive integer, "auto" or "off". */
export function parseConcurrency(value: string): Concurrency | undefined {
  if (value === "auto" || value === "off") return value;
  return /^[1-9]\d{0,2}$/.test(value) ? Number(value) : undefined;
}

/** The worker's compiled script: beside this module, or in dist/ when this module runs from its
 * TypeScript source (the tests). */
function workerScript(): URL {
  const here = import.meta.url;
  return here.endsWith(".ts") ? new URL("../../dist/src/workers/field-worker.js", here) : new URL("./field-worker.js", here);
}

interface Pending {
  resolve: (findings: FieldFinding[][]) => void;
  reject: (error: Error) => void;
}

export class FieldPool {
  private readonly workers: Worker[] = [];
  private readonly load: number[] = [];
  private readonly pending = new Map<number, Pending & { worker: number }>();
  private nextId = 0;
  private failure?: Error;

  /** `workerData` goes to every worker (the linter's options, so each builds the same rules). */
  constructor(
    readonly size: number,
    workerData: unknown,
  ) {
    const url = workerScript();
    for (let k = 0; k < size; k++) {
      // The young generation bounded as in the main thread (bin/offsite-lint.js): two 4 MB
      // semi-spaces, which V8 counts as 12 MB of young generation.
      const worker = new Worker(url, { workerData, resourceLimits: { maxYoungGenerationSizeMb: 12 } });
      worker.on("message", (reply: WorkerReply) => this.settle(reply));
      worker.on("error", (error) => this.fail(error));
      worker.on("exit", (code) => {
        if (code !== 0) this.fail(new Error(`lint worker stopped (exit code ${code})`));
      });
      // Idle workers must not keep the process alive.
      worker.unref();
      this.workers.push(worker);
      this.load.push(0);
    }
  }

  /** Findings per field of the batch, in the batch's order. */
  lint(batch: FieldBatch): Promise<FieldFinding[][]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    let target = 0;
    for (let k = 1; k < this.load.length; k++) if (this.load[k]! < this.load[target]!) target = k;
    this.load[target]!++;
    const worker = this.workers[target]!;
    worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker: target });
      worker.postMessage({ id, batch });
    });
  }

  /** Whether a worker died: the pool takes no more batches (the next file gets a new pool). */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private settle(reply: WorkerReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    if (--this.load[pending.worker]! === 0) this.workers[pending.worker]?.unref();
    if ("error" in reply) pending.reject(new Error(reply.error));
    else pending.resolve(reply.findings);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const [id, pending] of this.pending) {
      this.pending.delete(id);
      pending.reject(error);
    }
  }
}
