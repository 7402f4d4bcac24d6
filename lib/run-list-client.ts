import type * as clients from "@restatedev/restate-sdk-clients";
import { RUN_INDEX_OBJECT, RUN_LIST_OBJECT } from "./names";
import { readRunList, type DeepHints, type RunListPage, type RunListQuery, type ShardReader } from "./run-list";
import type { RunIndexEntry } from "./records";
import type { RunIndex } from "@/restate/run-index";
import type { RunList } from "@/restate/run-list";

/** The runs list as its readers see it (the API, tests, the benchmark), over any ingress client. */
export interface RunsListClient {
  list(query: RunListQuery): Promise<RunListPage>;
  get(id: string): Promise<RunIndexEntry | null>;
  /** Records that the run's workflow was killed in Restate, if Restate confirms it (see restate/run-index.ts). */
  markKilled(id: string): Promise<RunIndexEntry | null>;
}

/** Shard `s` of the runs list (its shared read handlers; its writes are private to Restate). */
export const runListShard = (ingress: clients.Ingress, s: number) =>
  ingress.objectClient<RunList>({ name: RUN_LIST_OBJECT }, String(s));

export function runsListClient(ingress: clients.Ingress): RunsListClient {
  const shard = (s: number) => runListShard(ingress, s);
  const reader: ShardReader = {
    head: async (s, query) => shard(s).head(query),
    node: async (s, query) => shard(s).node(query),
  };
  // Where this client last found each filter's deep pages (lib/run-list.ts checks the guess each time).
  const hints: DeepHints = new Map();
  const entry = (id: string) => ingress.objectClient<RunIndex>({ name: RUN_INDEX_OBJECT }, id);
  return {
    list: (query) => readRunList(reader, query, hints),
    get: async (id) => entry(id).get(),
    markKilled: async (id) => entry(id).markKilled(),
  };
}
