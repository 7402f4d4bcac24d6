/**
 * What the chaos soak submits, and what each submission must end as,
 * computed here from the inputs alone: nothing of Fanline's kinds, ledger or
 * aggregates is imported, so a bug there cannot hide itself in the check.
 */

export type Kind = "chores" | "noop" | "word-count";
export type Outcome = "succeeded" | "failed" | "cancelled";

export interface PlannedRun {
  kind: Kind;
  /** The API body (without id). */
  body: Record<string, unknown>;
  /** Each subtask's description as the run will show it, and what it must end as if nothing cancels it. */
  subtasks: Array<{ description: string; expected: "succeeded" | "failed"; words?: string[] }>;
  maxAttempts: number;
  failFast: boolean;
  /** Cancel it this many ms after it was accepted (null: never). */
  cancelAfterMs: number | null;
  /** Re-run its failures once it has finished. */
  rerun: boolean;
  /** Through the guide's `worker/run` (chores only) rather than the dashboard API. */
  viaWorker: boolean;
}

/** A small seeded generator, so a failing soak can be replayed with `--seed`. */
export function random(seed: number) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  };
}
export type Random = ReturnType<typeof random>;

/** Mostly small runs, now and then a big one: 1–2,000 subtasks. */
function subtaskCount(r: Random): number {
  const roll = r.next();
  if (roll < 0.5) return r.int(1, 20);
  if (roll < 0.85) return r.int(21, 300);
  return r.int(301, 2000);
}

/** One comma-list item: uneven durations, planned retries, permanent failures. */
function item(
  r: Random,
  i: number,
  maxAttempts: number,
  big: boolean,
): { description: string; expected: "succeeded" | "failed" } {
  const directives: string[] = [];
  let expected: "succeeded" | "failed" = "succeeded";
  const roll = r.next();
  if (roll < 0.04) {
    directives.push("fail permanently");
    expected = "failed";
  } else if (roll < 0.12) {
    const fails = r.int(1, 3);
    directives.push(`fail ${fails}`);
    if (fails >= maxAttempts) expected = "failed";
  } else if (roll < 0.13) {
    directives.push("fail");
    expected = "failed";
  }
  // Big runs keep short subtasks, so a soak of a few minutes can finish them.
  if (r.chance(big ? 0.2 : 0.6)) directives.push(`take ${r.int(1, big ? 60 : 1500)}ms`);
  return { description: `t${i}${directives.length ? ` [${directives.join(", ")}]` : ""}`, expected };
}

const CONCURRENCIES = [5, 20, 50, 100, 200];

const VOCABULARY = [
  "restate",
  "durable",
  "fan",
  "out",
  "in",
  "subtask",
  "journal",
  "replay",
  "crash",
  "retry",
  "Kill",
  "it's",
  "42",
  "node",
];

export function planRun(r: Random, options: { allowCancel: boolean }): PlannedRun {
  const kind = r.pick<Kind>(["chores", "noop", "noop", "word-count"]);
  const maxAttempts = r.int(1, 4);
  const retry = { maxAttempts, initialIntervalMs: r.pick([100, 200, 500]) };
  const failFast = r.chance(0.15);
  const concurrency = r.pick(CONCURRENCIES);
  const common = { kind, concurrency, retry, onFailure: failFast ? "fail-fast" : "continue" };
  const cancelAfterMs = options.allowCancel && r.chance(0.12) ? r.int(200, 5000) : null;
  if (kind === "word-count") {
    const chunkSize = r.int(1, 50);
    const chunks = Math.min(subtaskCount(r), 400);
    const words = Array.from({ length: chunks * chunkSize - r.int(0, chunkSize - 1) }, () => r.pick(VOCABULARY));
    const subtasks = [];
    for (let start = 0; start < words.length; start += chunkSize) {
      const chunk = words.slice(start, start + chunkSize);
      subtasks.push({
        description: `words ${start + 1}–${start + chunk.length}`,
        expected: "succeeded" as const,
        words: chunk,
      });
    }
    return {
      kind,
      body: { ...common, text: words.join(" "), chunkSize },
      subtasks,
      maxAttempts,
      failFast,
      cancelAfterMs,
      rerun: false,
      viaWorker: false,
    };
  }
  const n = subtaskCount(r);
  const subtasks = Array.from({ length: n }, (_, i) => item(r, i, maxAttempts, n > 300));
  // A chore sleeps 2 s on average: enough concurrency that a run takes about a
  // minute, so one started late in the soak settles in time (1,500 chores at
  // concurrency 5 took 8 minutes).
  const needed = kind === "chores" ? Math.ceil((n * 2000) / 60_000) : 1;
  common.concurrency = CONCURRENCIES.find((c) => c >= Math.max(concurrency, needed)) ?? CONCURRENCIES.at(-1)!;
  const viaWorker = kind === "chores" && n <= 50 && r.chance(0.4);
  if (viaWorker) {
    // The worker takes only a description, with the default policy (3 attempts) and no fail-fast.
    const fixed = subtasks.map((s) => ({ ...s, expected: expectedWithAttempts(s.description, 3) }));
    return {
      kind,
      body: { description: fixed.map((s) => s.description).join(",") },
      subtasks: fixed,
      maxAttempts: 3,
      failFast: false,
      cancelAfterMs: null,
      rerun: false,
      viaWorker,
    };
  }
  const hasFailures = subtasks.some((s) => s.expected === "failed");
  return {
    kind,
    body: { ...common, description: subtasks.map((s) => s.description).join(",") },
    subtasks,
    maxAttempts,
    failFast,
    cancelAfterMs,
    rerun: hasFailures && r.chance(0.5),
    viaWorker,
  };
}

/** What a comma-list item ends as under a policy of `maxAttempts`, read from its directives. */
export function expectedWithAttempts(description: string, maxAttempts: number): "succeeded" | "failed" {
  const body = description.match(/\[([^\]]*)\]/)?.[1] ?? "";
  const parts = body.split(",").map((p) => p.trim());
  if (parts.includes("fail permanently") || parts.includes("fail")) return "failed";
  const fails = parts.map((p) => p.match(/^fail (\d+)$/)?.[1]).find(Boolean);
  return fails !== undefined && Number(fails) >= maxAttempts ? "failed" : "succeeded";
}

/** A subtask's result when it succeeded, per kind. */
export function expectedResult(kind: Kind, words: string[] | undefined): unknown {
  if (kind === "chores") return "DONE";
  if (kind === "noop") return null;
  const counts: Record<string, number> = {};
  let total = 0;
  for (const word of countedWords(words ?? [])) {
    counts[word] = (counts[word] ?? 0) + 1;
    total += 1;
  }
  return { words: total, counts };
}

/** Words as the README defines them: letters, digits and apostrophes, lowercased, with at least one letter or digit. */
function countedWords(tokens: string[]): string[] {
  return tokens.flatMap((t) => t.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? []).filter((w) => /[\p{L}\p{N}]/u.test(w));
}

/** The aggregate a run must have, given how each of its subtasks ended. */
export function expectedAggregate(
  kind: Kind,
  subtasks: Array<{ description: string; words?: string[]; outcome: Outcome }>,
): unknown {
  if (kind === "chores") {
    return {
      description: subtasks
        .map((s) => `${s.description}: ${s.outcome === "succeeded" ? "DONE" : s.outcome.toUpperCase()}`)
        .join(","),
    };
  }
  if (kind === "noop") {
    const n = (o: Outcome) => subtasks.filter((s) => s.outcome === o).length;
    return {
      succeeded: n("succeeded"),
      failed: n("failed"),
      ...(n("cancelled") > 0 ? { cancelled: n("cancelled") } : {}),
    };
  }
  const merged = new Map<string, number>();
  let totalWords = 0;
  for (const s of subtasks) {
    if (s.outcome !== "succeeded") continue;
    for (const w of countedWords(s.words ?? [])) {
      merged.set(w, (merged.get(w) ?? 0) + 1);
      totalWords += 1;
    }
  }
  const top = [...merged]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, 10)
    .map(([word, count]) => ({ word, count }));
  return { totalWords, distinctWords: merged.size, top };
}
