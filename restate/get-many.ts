import { RestatePromise, type ObjectSharedContext, type WorkflowSharedContext } from "@restatedev/restate-sdk";

/**
 * Reads several state keys at once, in one handler. `ctx.get` is typed as a
 * Promise but returns a RestatePromise, and only RestatePromise.all combines
 * those without stalling: native Promise.all over state reads in a handler
 * waits about half a second (measured in bench/README.md).
 */
export function getMany<T>(ctx: ObjectSharedContext | WorkflowSharedContext, keys: string[]): Promise<(T | null)[]> {
  if (keys.length === 0) return Promise.resolve([]);
  return RestatePromise.all(keys.map((key) => ctx.get<T>(key) as RestatePromise<T | null>));
}
