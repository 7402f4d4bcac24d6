import * as restate from "@restatedev/restate-sdk";
import { RUN_LIST_OBJECT } from "@/lib/names";
import {
  putEntry,
  removeEntry,
  shardHead,
  shardNode,
  type ChildCounts,
  type HeadQuery,
  type RunFilter,
  type ShardHead,
  type ShardReads,
  type ShardState,
} from "@/lib/run-list";
import type { RunIndexEntry } from "@/lib/records";
import type { RunStatus } from "@/lib/status";
import { getMany } from "./get-many";

/** Polling must not grow Restate's store: no journal or idempotency retention for reads. */
const READ_OPTIONS = { journalRetention: 0, idempotencyRetention: 0 } as const;
/** Nor must the list's own writes, two per run: nobody reads their journals once they are done. */
const WRITE_OPTIONS = { ingressPrivate: true, journalRetention: 0 } as const;

const readsOf = (ctx: restate.ObjectSharedContext): ShardReads => ({
  get: (key) => ctx.get(key),
  getMany: (keys) => getMany(ctx, keys),
});

const stateOf = (ctx: restate.ObjectContext): ShardState => ({
  ...readsOf(ctx),
  set: (key, value) => ctx.set(key, value),
  clear: (key) => ctx.clear(key),
});

/**
 * One shard of the runs list (keyed "0".."7", see lib/run-list.ts). Only the
 * runs index writes here, one run at a time; the API reads pages. Lazy state
 * matters: an invocation loads the few keys it touches, never the shard.
 */
export const runList = restate.object({
  name: RUN_LIST_OBJECT,
  handlers: {
    /** `previous`: where the entry was listed before (its old status), if anywhere. */
    put: restate.handlers.object.exclusive(
      WRITE_OPTIONS,
      async (
        ctx: restate.ObjectContext,
        change: { entry: RunIndexEntry; previous?: { status: RunStatus; createdAt: number } },
      ) => putEntry(stateOf(ctx), change.entry, change.previous),
    ),

    remove: restate.handlers.object.exclusive(
      WRITE_OPTIONS,
      async (ctx: restate.ObjectContext, entry: { id: string; status: RunStatus; createdAt: number }) =>
        removeEntry(stateOf(ctx), entry),
    ),

    head: restate.handlers.object.shared(
      READ_OPTIONS,
      async (ctx: restate.ObjectSharedContext, query: HeadQuery): Promise<ShardHead> => shardHead(readsOf(ctx), query),
    ),

    node: restate.handlers.object.shared(
      READ_OPTIONS,
      async (
        ctx: restate.ObjectSharedContext,
        query: { level: number; index: number; status?: RunFilter },
      ): Promise<ChildCounts> => shardNode(readsOf(ctx), query),
    ),
  },
  options: { enableLazyState: true },
});

export type RunList = typeof runList;
