import type { LoggerTransport } from "@restatedev/restate-sdk";

// The SDK's level and source enums are types only at run time (index.js does not export them).
const LEVELS = ["trace", "debug", "info", "warn", "error"];
const rank = (level: string) => LEVELS.indexOf(level.toLowerCase());

/**
 * The SDK's log, less its two lines per invocation ("Starting invocation.",
 * "Invocation completed successfully."): a run of 100,000 subtasks would write
 * 200,000 of them, writing them is a good part of the services' CPU, and
 * Restate's UI lists every invocation anyway. The SDK's warnings and errors,
 * and whatever a handler logs through `ctx.console`, are kept.
 * RESTATE_LOGGING, the SDK's own variable, still sets one level for all of it:
 * set to INFO or below, the lifecycle lines come back.
 */
export function sdkLogger(
  level = process.env.RESTATE_LOGGING,
  out: Pick<Console, "info" | "warn" | "error"> = console,
): LoggerTransport {
  const chosen = level ? rank(level) : -1;
  const floor = chosen >= 0 ? chosen : rank("info");
  const lifecycleFloor = chosen >= 0 ? chosen : rank("warn");
  return (meta, message, ...rest) => {
    if (meta.replaying) return;
    const at = rank(meta.level);
    if (at < ((meta.source as string) === "JOURNAL" ? lifecycleFloor : floor)) return;
    const where = meta.context ? `[${meta.context.invocationTarget}][${meta.context.invocationId}]` : "";
    const prefix = `[restate][${new Date().toISOString()}]${where} ${meta.level.toUpperCase()}:`;
    const write = at >= rank("error") ? out.error : at >= rank("warn") ? out.warn : out.info;
    write(prefix, message, ...rest);
  };
}
