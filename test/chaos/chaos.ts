// `npm run chaos [-- --minutes 10 --seed 7 --parallel 4]`: a soak in the
// manner of Restate's own verification runner. Random runs of every kind
// (1–2,000 subtasks, uneven durations, planned retries and permanent
// failures, fail-fast, cancels, re-runs of failures, the guide's worker/run
// with idempotency keys), several at once, while a random part (the
// services, the Restate server, the dashboard) is SIGKILLed every 20–40 s and
// brought back. Then every run is checked against what was submitted
// (check.ts) and against Restate's own tables; anything wrong is printed with
// Restate's view of it, and the exit code is 1.
import { parseArgs } from "node:util";
import { sleep } from "../support/test-stack";
import { describe, verify, type Submitted } from "./check";
import { planRun, random, type Random } from "./plan";
import { cluster, singleNode, type ChaosTarget } from "./target";

const { values: args } = parseArgs({
  options: {
    minutes: { type: "string", default: "10" },
    seed: { type: "string" },
    parallel: { type: "string", default: "4" },
    /** How long runs may take to settle after the last kill. */
    "settle-minutes": { type: "string", default: "8" },
    /** A 3-node cluster, where a node is what gets killed. */
    cluster: { type: "boolean", default: false },
  },
});
const minutes = Number(args.minutes);
const seed = Number(args.seed ?? Date.now() % 1_000_000);
const parallel = Number(args.parallel);
const settleMs = Number(args["settle-minutes"]) * 60_000;

const log = (line: string) => console.log(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}`);
const FINISHED = new Set(["succeeded", "failed", "cancelled"]);

/** The dashboard's API, retried through crashes: the same run id twice is one run, so a resend is safe. */
function api(stack: ChaosTarget) {
  return async function call<T>(
    path: string,
    body?: unknown,
    until = Date.now() + settleMs,
  ): Promise<{ status: number; body: T }> {
    for (;;) {
      try {
        const response = await fetch(`${stack.webUrl}${path}`, {
          method: body === undefined ? "GET" : "POST",
          headers: body === undefined ? {} : { "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
        // 5xx: the dashboard or Restate is on its way back.
        if (response.status < 500) return { status: response.status, body: (await response.json()) as T };
      } catch {
        // No answer: the dashboard is down.
      }
      if (Date.now() > until) throw new Error(`${path}: no answer before the deadline`);
      await sleep(500);
    }
  };
}

async function main() {
  log(
    `seed ${seed}, ${minutes} min, ${parallel} runs at once; starting ${args.cluster ? "a 3-node cluster" : "a stack"} on free ports...`,
  );
  // A dev server of its own, beside any `npm run dev` in this checkout.
  process.env.NEXT_DIST_DIR ??= ".next-test-dev";
  const stack = args.cluster ? await cluster() : await singleNode();
  log(`up; soaking, killing one of ${stack.parts.join(", ")} every 20-40 s`);
  const call = api(stack);
  const r = random(seed);
  const submitted: Submitted[] = [];
  const kills: Record<string, number> = Object.fromEntries(stack.parts.map((p) => [p, 0]));
  let longestRecoveryMs = 0;
  let rerunsResent = 0;
  const soakEnds = Date.now() + minutes * 60_000;
  let n = 0;

  /** The run's final status; null if it has none by the end of the settling time (the checker reports it). */
  const waitFinished = async (id: string): Promise<string | null> => {
    const until = soakEnds + settleMs;
    while (Date.now() < until) {
      const { status, body } = await call<{ status: string }>(`/api/runs/${id}`, undefined, until);
      if (status === 200 && FINISHED.has(body.status)) return body.status;
      await sleep(1000);
    }
    return null;
  };

  const scenario = async (rr: Random) => {
    const plan = planRun(rr, { allowCancel: true });
    const number = ++n;
    if (plan.viaWorker) {
      const key = `chaos-${seed}-${number}`;
      const entry: Submitted = { id: null, plan, cancel: null, worker: { key, answer: undefined } };
      submitted.push(entry);
      entry.worker!.answer = await workerCall(stack, key, plan.body, soakEnds + settleMs);
      log(
        `worker/run ${key} (${plan.subtasks.length} chores): ${entry.worker!.answer === undefined ? "NO ANSWER" : "answered"}`,
      );
      return;
    }
    const id = `chaos-${seed}-${number}`;
    const entry: Submitted = { id, plan, cancel: null };
    const { status } = await call(`/api/runs`, { ...plan.body, id });
    if (status !== 200 && status !== 201) throw new Error(`run ${id} refused (${status}): the plan is wrong`);
    submitted.push(entry);
    if (plan.cancelAfterMs !== null) {
      await sleep(plan.cancelAfterMs);
      entry.cancel = (await call(`/api/runs/${id}/cancel`, {})).status;
    }
    const final = await waitFinished(id);
    const planned = `${plan.kind}, ${plan.subtasks.length} subtasks${plan.failFast ? ", fail-fast" : ""}${entry.cancel ? `, cancel → ${entry.cancel}` : ""}`;
    log(`${id} (${planned}): ${final ?? "NOT FINISHED"}`);
    if (plan.rerun && final === "failed") {
      // Not idempotent: a lost answer and a resend make two re-runs; the checker finds each from the run's links.
      for (let tries = 0; ; tries++) {
        try {
          const rerun = await fetch(`${stack.webUrl}/api/runs/${id}/rerun-failed`, {
            method: "POST",
            signal: AbortSignal.timeout(30_000),
          });
          if (rerun.status < 500) break;
        } catch {
          if (tries > 0) rerunsResent += 1;
        }
        await sleep(1000);
      }
    }
  };

  const driver = async (lane: number) => {
    const rr = random(seed * 31 + lane);
    while (Date.now() < soakEnds) {
      await scenario(rr).catch((error) => log(`lane ${lane}: ${(error as Error).message}`));
    }
  };

  const killer = async () => {
    for (;;) {
      const wait = r.int(20_000, 40_000);
      if (Date.now() + wait > soakEnds) return;
      await sleep(wait);
      const part = r.pick(stack.parts);
      const killedAt = Date.now();
      log(`SIGKILL ${part}`);
      await stack.crash(part);
      kills[part] += 1;
      await sleep(r.int(0, 3000));
      for (;;) {
        try {
          await stack.restart(part);
          break;
        } catch (error) {
          log(`${part} did not come back yet: ${(error as Error).message.split("\n")[0]}`);
          await sleep(1000);
        }
      }
      // Recovered when the dashboard answers and sees Restate and the services up.
      for (;;) {
        const health = await call<{ restate: string; services: string }>("/api/health/parts").catch(() => null);
        if (health?.body.restate === "up" && health.body.services === "up") break;
        await sleep(250);
      }
      const recovery = Date.now() - killedAt;
      longestRecoveryMs = Math.max(longestRecoveryMs, recovery);
      log(`${part} back, recovered in ${(recovery / 1000).toFixed(1)} s`);
    }
  };

  let code = 1;
  try {
    await Promise.all([killer(), ...Array.from({ length: parallel }, (_, lane) => driver(lane))]);
    // One deadline for everything: a run stuck for good must not be waited for twice.
    const settleEnds = soakEnds + settleMs;
    log(`soak over; letting every run settle (until ${new Date(settleEnds).toISOString().slice(11, 19)})...`);
    for (const run of submitted.filter((s) => s.id)) {
      const left = settleEnds - Date.now();
      if (left <= 0) break;
      await Promise.race([
        (async () => {
          for (;;) {
            const { status, body } = await call<{ status: string; reruns: string[] }>(
              `/api/runs/${run.id}`,
              undefined,
              settleEnds,
            );
            if (status === 200 && FINISHED.has(body.status)) {
              for (const rerun of body.reruns) await settle(call, rerun, settleEnds);
              return;
            }
            await sleep(1000);
          }
        })(),
        sleep(left),
      ]);
    }
    const get = async <T>(path: string): Promise<T> => {
      const { status, body } = await call<T>(path);
      if (status !== 200) throw new Error(`${path}: ${status} ${JSON.stringify(body)}`);
      return body;
    };
    const verdict = await verify(submitted, get, stack.sql);
    for (const problem of verdict.problems.slice(0, 30)) console.log(await describe(problem, stack.sql));
    if (verdict.problems.length > 30) console.log(`... and ${verdict.problems.length - 30} more problems`);
    const workers = submitted.filter((s) => s.worker).length;
    console.log(
      [
        ``,
        `chaos${args.cluster ? " --cluster" : ""}: ${minutes} min, seed ${seed}`,
        `  runs      ${verdict.runs} (${workers} through worker/run, ${verdict.reruns} re-runs of failures), ${verdict.subtasks.toLocaleString("en-US")} subtasks`,
        `  kills     ${Object.entries(kills)
          .map(([part, n]) => `${part === "web" ? "dashboard" : part} ${n}`)
          .join(", ")}; longest recovery ${(longestRecoveryMs / 1000).toFixed(1)} s`,
        `  lost ${verdict.lost}, doubled ${verdict.doubled}, unfinished ${verdict.unfinished}, stuck invocations ${verdict.stuck}, other problems ${verdict.problems.length - verdict.lost - verdict.doubled - verdict.stuck - verdict.unfinished}`,
        `  re-run requests resent after a lost answer ${rerunsResent}; runs re-run twice because of it ${verdict.rerunTwice}`,
        verdict.problems.length === 0
          ? `PASS`
          : `FAIL: ${verdict.problems.length} problems (replay with --seed ${seed})`,
      ]
        .filter(Boolean)
        .join("\n"),
    );
    code = verdict.problems.length === 0 ? 0 : 1;
  } finally {
    await stack.stop();
  }
  process.exit(code);
}

async function settle(call: ReturnType<typeof api>, id: string, until: number): Promise<void> {
  while (Date.now() < until) {
    const { status, body } = await call<{ status: string }>(`/api/runs/${id}`, undefined, until);
    if (status === 200 && FINISHED.has(body.status)) return;
    await sleep(1000);
  }
}

/**
 * The guide's call through Restate's ingress with an idempotency key: a
 * resend after a crash attaches to the same invocation and gets its answer,
 * never a second run.
 */
async function workerCall(stack: ChaosTarget, key: string, body: unknown, until: number): Promise<unknown> {
  for (let attempt = 0; Date.now() < until; attempt++) {
    try {
      const response = await fetch(`${stack.ingressUrls[attempt % stack.ingressUrls.length]}/worker/run`, {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": key },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(180_000),
      });
      if (response.ok) return await response.json();
    } catch {
      // Restate is down or restarting: send the same key again.
    }
    await sleep(1000);
  }
  return undefined;
}

main().catch((error) => {
  console.error(`chaos failed to run: ${(error as Error).stack}`);
  process.exit(2);
});
