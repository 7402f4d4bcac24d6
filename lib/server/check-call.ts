import "server-only";
import { refuseTarget } from "@/lib/call-targets";
import type { CallContext } from "@/lib/kinds/call";
import type { InputIssue, RunInput } from "@/lib/run-input";
import { loadCallTargets } from "./call-targets";

/**
 * A `call` run's target against what may be called right now (the allow-list
 * over Restate's registered handlers), and its key against the target's
 * type. Null when it may start; otherwise the issues for the 400.
 */
export async function checkCallTarget(input: RunInput): Promise<{ issues: InputIssue[]; allowed: string[] } | null> {
  if (input.kind !== "call") return null;
  const { target, key } = input.task as CallContext;
  const { targets } = await loadCallTargets();
  const allowed = targets.map((t) => t.target);
  const refusal = refuseTarget(target, targets);
  if (refusal) return { issues: [{ path: "target", message: refusal }], allowed };
  const keyed = targets.find((t) => t.target === target)!.keyed;
  if (keyed && key === undefined) {
    return {
      issues: [
        {
          path: "key",
          message: `'${target}' is a virtual object's handler: name the item field that holds the object key ("key").`,
        },
      ],
      allowed,
    };
  }
  if (!keyed && key !== undefined) {
    return {
      issues: [{ path: "key", message: `'${target}' is a service's handler and takes no key: leave "key" out.` }],
      allowed,
    };
  }
  return null;
}
