// Which user handlers the `call` kind may invoke. Pure, so the API and the
// tests agree; the admin API read lives in lib/server/call-targets.ts.
import { FANLINE_SERVICES } from "./names";

/** A handler registered on the Restate server, as the form offers it. */
export interface CallTarget {
  /** "<service>/<handler>", as the API takes it. */
  target: string;
  service: string;
  handler: string;
  /** A virtual object's or workflow's handler: each call needs a key. */
  keyed: boolean;
}

/** `GET /api/call-targets`. */
export interface CallTargetList {
  targets: CallTarget[];
  /** The allow-list in force (FANLINE_CALL_TARGETS), or null: every registered handler but Fanline's own. */
  allowList: string[] | null;
}

export const TARGET_PATTERN = /^[^/\s]+\/[^/\s]+$/;

/** FANLINE_CALL_TARGETS: comma-separated "service/handler" or "service/*"; unset or blank means no list. */
export function parseAllowList(value: string | undefined): string[] | null {
  const entries = (value ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  return entries.length > 0 ? entries : null;
}

function matches(target: CallTarget, entry: string): boolean {
  const [service, handler] = entry.split("/");
  return service === target.service && (handler === "*" || handler === target.handler);
}

/** The registered handlers the allow-list lets through, Fanline's own never among them, sorted. */
export function allowedTargets(registered: readonly CallTarget[], allowList: readonly string[] | null): CallTarget[] {
  return registered
    .filter((t) => !FANLINE_SERVICES.includes(t.service))
    .filter((t) => allowList === null || allowList.some((entry) => matches(t, entry)))
    .sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
}

/** Why `target` may not be called, or null when it may. The message lists what may be. */
export function refuseTarget(target: string, allowed: readonly CallTarget[]): string | null {
  if (allowed.some((t) => t.target === target)) return null;
  const list =
    allowed.length > 0
      ? allowed.map((t) => t.target).join(", ")
      : "none (register a service of your own with Restate, or check FANLINE_CALL_TARGETS)";
  return `Target '${target}' is not allowed. Allowed targets: ${list}.`;
}
