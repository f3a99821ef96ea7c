import { readdirSync, statSync, watch, type FSWatcher } from "node:fs";
import { join, relative, sep } from "node:path";
import type { i18n } from "i18next";
import type { Logger } from "pino";
import { createKnowledgeBundle, type KnowledgeBundle, type KnowledgeSource } from "../conversation/knowledgeBundle.js";
import { TopicModel } from "../routing/topicModel.js";
import { loadCheckedKnowledge } from "./checkKnowledge.js";
import { formatProblem } from "./formatProblem.js";
import { KnowledgeLoadError } from "./knowledgeProblem.js";

/**
 * What /healthz shows about the knowledge being served. It is public: a rejected reload says only
 * when it happened; what was wrong (file names, lines, texts) goes to the log and to knowledge:check.
 */
export interface KnowledgeStatus {
  readonly version: string;
  /** when the served version was loaded (ISO 8601) */
  readonly loadedAt: string;
  /** when the last reload was rejected, until a later one succeeds */
  readonly lastError?: { readonly at: string };
}

/** What one reload attempt did. */
export type ReloadOutcome =
  | { readonly kind: "loaded"; readonly version: string }
  | { readonly kind: "unchanged"; readonly version: string }
  | { readonly kind: "rejected"; readonly problems: readonly string[] };

export interface KnowledgeWatcherOptions {
  readonly root: string;
  readonly comune: string;
  readonly i18n: i18n;
  readonly logger: Logger;
  /** quiet time after the last change before reloading (editors write a file in several steps) */
  readonly debounceMs?: number;
  /** a reload happens at the latest this long after the first change, even if changes go on */
  readonly maxDelayMs?: number;
  /** "watch" uses fs.watch and falls back to polling if the platform refuses; "poll" always polls */
  readonly mode?: "watch" | "poll";
  readonly pollIntervalMs?: number;
  readonly clock?: () => Date;
}

const DEFAULTS = Object.freeze({ debounceMs: 300, maxDelayMs: 2_000, pollIntervalMs: 1_000 });

/**
 * Serves a comune's knowledge and reloads it when its files change (within a few seconds, no
 * restart). A change that fails validation is rejected: the problems go to the log and to
 * status(), and the last good knowledge keeps answering.
 */
export class KnowledgeWatcher implements KnowledgeSource {
  private bundle: KnowledgeBundle;
  private loadedAt: Date;
  private lastError: KnowledgeStatus["lastError"];
  private watcher: FSWatcher | undefined;
  private poller: NodeJS.Timeout | undefined;
  private pending: NodeJS.Timeout | undefined;
  private firstChangeAt: number | undefined;
  private waiting: Array<(outcome: ReloadOutcome) => void> = [];
  private closed = false;
  /** the reload under way, if any, and whether another change came in meanwhile */
  private running: Promise<ReloadOutcome> | undefined;
  private again = false;
  private readonly clock: () => Date;
  private readonly settings: { readonly debounceMs: number; readonly maxDelayMs: number; readonly pollIntervalMs: number };

  /** Loads the knowledge now (throws KnowledgeLoadError if it is broken) and starts watching. */
  constructor(private readonly options: KnowledgeWatcherOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.settings = {
      debounceMs: options.debounceMs ?? DEFAULTS.debounceMs,
      maxDelayMs: options.maxDelayMs ?? DEFAULTS.maxDelayMs,
      pollIntervalMs: options.pollIntervalMs ?? DEFAULTS.pollIntervalMs,
    };
    // At start-up nothing is being served yet: the first load may train on the spot.
    this.bundle = createKnowledgeBundle(loadCheckedKnowledge(options.root, options.comune), options.i18n);
    this.loadedAt = this.clock();
    if (options.mode === "poll") this.startPolling();
    else this.startWatching();
  }

  current(): KnowledgeBundle {
    return this.bundle;
  }

  status(): KnowledgeStatus {
    return {
      version: this.bundle.knowledge.version,
      loadedAt: this.loadedAt.toISOString(),
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  /** Resolves after the next reload attempt, whatever its outcome. */
  nextReload(): Promise<ReloadOutcome> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /**
   * Reloads now: swaps in the new knowledge, or keeps the old one and records why not. One reload
   * at a time; a change seen meanwhile is read by one more reload right after.
   */
  async reload(): Promise<ReloadOutcome> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.reloadOnce();
    try {
      return await this.running;
    } finally {
      this.running = undefined;
      if (this.again && !this.closed) {
        this.again = false;
        void this.reload();
      }
    }
  }

  private async reloadOnce(): Promise<ReloadOutcome> {
    let outcome: ReloadOutcome;
    try {
      const bundle = await this.load();
      const previous = this.bundle.knowledge.version;
      const version = bundle.knowledge.version;
      this.lastError = undefined;
      if (version === previous) {
        outcome = { kind: "unchanged", version };
      } else {
        this.bundle = bundle;
        this.loadedAt = this.clock();
        outcome = { kind: "loaded", version };
        this.options.logger.info({ comune: this.options.comune, version, previous }, "knowledge reloaded");
      }
    } catch (error) {
      const problems =
        error instanceof KnowledgeLoadError
          ? error.problems.map((p) => formatProblem(this.options.i18n, p, "it"))
          : [`${(error as Error).name}: ${(error as Error).message}`];
      this.lastError = { at: this.clock().toISOString() };
      outcome = { kind: "rejected", problems };
      this.options.logger.error(
        { comune: this.options.comune, version: this.bundle.knowledge.version, problems },
        "knowledge reload rejected: still serving the last good knowledge",
      );
    }
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve(outcome);
    return outcome;
  }

  /** Stops watching; the last knowledge stays available. */
  close(): void {
    this.closed = true;
    this.watcher?.close();
    this.watcher = undefined;
    if (this.poller) clearInterval(this.poller);
    if (this.pending) clearTimeout(this.pending);
    this.poller = this.pending = undefined;
  }

  /** Reads and checks the files, then trains the routing model in slices before the router is built. */
  private async load(): Promise<KnowledgeBundle> {
    const knowledge = loadCheckedKnowledge(this.options.root, this.options.comune);
    await TopicModel.prepare(knowledge.entries, knowledge.lexicon);
    return createKnowledgeBundle(knowledge, this.options.i18n);
  }

  private startWatching(): void {
    try {
      this.watcher = watch(this.options.root, { recursive: true, persistent: false }, (_event, filename) => {
        if (filename === null || this.concerns(filename.toString())) this.changed();
      });
      this.watcher.on("error", (error) => {
        this.options.logger.warn({ err: error }, "watching the knowledge failed: polling instead");
        this.watcher?.close();
        this.watcher = undefined;
        if (!this.closed) this.startPolling();
      });
    } catch (error) {
      this.options.logger.warn({ err: error }, "cannot watch the knowledge folder: polling instead");
      this.startPolling();
    }
  }

  private startPolling(): void {
    let last = this.fingerprint();
    this.poller = setInterval(() => {
      const now = this.fingerprint();
      if (now !== last) {
        last = now;
        this.changed();
      }
    }, this.settings.pollIntervalMs);
    this.poller.unref();
  }

  /**
   * The files the comune's knowledge is read from: the shared ones at the top (lexicon, national
   * numbers, emergency concepts), the shared corpus, the default answers, and the comune's own. Editor swap files and
   * other comuni do not count.
   */
  private concerns(filename: string): boolean {
    const path = filename.split(sep).join("/");
    const { comune } = this.options;
    if (path === comune || path === `${comune}/entries` || path === "corpus" || path === "defaults" || /^corpus\/[^/]+$/.test(path)) return true;
    if (!/\.ya?ml$/.test(path)) return false;
    return !path.includes("/") || path.startsWith(`${comune}/`) || path.startsWith("corpus/") || path.startsWith("defaults/");
  }

  /** Size and modification time of every file the comune's knowledge is read from. */
  private fingerprint(): string {
    const { root, comune } = this.options;
    const files = [...listFiles(root, false), ...listFiles(join(root, "corpus")), ...listFiles(join(root, "defaults")), ...listFiles(join(root, comune))].filter((f) => /\.ya?ml$/.test(f));
    return files.map((file) => `${relative(root, file)}:${sizeAndTime(file)}`).join("|");
  }

  /** Debounced: waits for the editor to finish writing, but never longer than maxDelayMs. */
  private changed(): void {
    if (this.closed) return;
    const now = Date.now();
    this.firstChangeAt ??= now;
    if (this.pending) clearTimeout(this.pending);
    const delay = Math.max(0, Math.min(this.settings.debounceMs, this.firstChangeAt + this.settings.maxDelayMs - now));
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.firstChangeAt = undefined;
      if (!this.closed) void this.reload();
    }, delay);
    this.pending.unref();
  }
}

// Listing and stat run in a timer, where a throw would stop the server: a folder or file that vanishes
// or cannot be read meanwhile counts as empty or missing, and the reload reports it.

function listFiles(dir: string, recursive = true): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .flatMap((entry) => (!entry.isDirectory() ? [join(dir, entry.name)] : recursive ? listFiles(join(dir, entry.name)) : []))
    .sort();
}

function sizeAndTime(file: string): string {
  try {
    const stat = statSync(file);
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return "-";
  }
}
