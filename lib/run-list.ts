/*
 * The runs list, without a key that grows with history:
 *
 *   run id ──hash──► one of RUN_LIST_SHARDS shards (FanlineRunList/<shard>)
 *   in each shard, per run status, a tree keyed by creation time:
 *     roots: per 18.6 h node, a count per status
 *       └► node, level 3 (18.6 h) ─► level 2 (17.5 min) ─► level 1 (16 s) ─► level 0 (256 ms)
 *     a node holds its entries itself (newest first) until it has more than
 *     SEGMENT; then it splits into up to 64 children one level down and keeps
 *     only a count per child. Sparse history stays in a few dense segments;
 *     a burst is spread over finer ones.
 *
 * Adding, finishing or removing an entry reads one path (at most five keys)
 * and rewrites one segment of at most SEGMENT entries plus the counts on the
 * path: the same work at 100 runs and at 100,000. A page is read from the
 * newest segments of every shard, merged by creation time. A deep offset is
 * found by summing the shards' counts level by level (two rounds of reads
 * unless a burst packs more than DEEP_WINDOW runs into one node, at most
 * LEVELS + 1 whatever the offset), and the total is the sum of the
 * shards' root counts, so it is exact. This module is the pure part, shared
 * by the shard object (restate/run-list.ts) and every reader.
 */
import type { RunIndexEntry } from "./records";
import { isRunFinished, RUN_STATUSES, type RunStatus } from "./status";

/** Shards of the runs list: run creations queue behind one of these, not one key. */
export const RUN_LIST_SHARDS = 8;
const LEAF_BITS = 8;
const FANOUT_BITS = 6;
/** Tree levels above the 256 ms one. */
export const LEVELS = 3;
/** Entries a node keeps itself before it splits. */
export const SEGMENT = 64;
/** Pages that end within this many entries of the newest are read in one round, from the shards' newest segments. */
export const HEAD_LIMIT = 100;
/** A deep page is read from the shards once the node holding it has at most this many entries before the page's end. */
export const DEEP_WINDOW = 250;
/**
 * Each shard also keeps, per status, its newest entries beside the root
 * counts in one key: the first pages, the ones polled, cost one state read
 * per shard. State reads are sequential round trips to Restate, the cost
 * that matters on a busy machine.
 */
export const NEWEST = 40;

/** A run status, "active" (not finished), or nothing for every run. */
export type RunFilter = RunStatus | "active" | undefined;

/** Per child (its absolute index one level down), how many matching entries lie below it. */
export type ChildCounts = Record<string, number>;

/** Roots of one shard: per top node, a count per status. */
export type Roots = Record<string, Partial<Record<RunStatus, number>>>;

/** A shard's "top" key: the root counts, and per status the NEWEST newest entries. */
interface Top {
  roots: Roots;
  newest: Partial<Record<RunStatus, RunIndexEntry[]>>;
}

/** A node of one status's tree: its own entries (newest first), or a count per child once split. */
type TreeNode = { entries: RunIndexEntry[]; counts?: undefined } | { counts: ChildCounts; entries?: undefined };

export interface HeadQuery {
  status?: RunFilter;
  /** Only entries created before this epoch ms; null: no bound. */
  before: number | null;
  limit: number;
  /** Also count the matching entries per node one level below the roots (`windows`), for a deep page. */
  windows?: boolean;
}

/** One shard's answer: its newest matching entries, how many match in all, and its counts for the filter. */
export interface ShardHead {
  entries: RunIndexEntry[];
  total: number;
  /** Per node at level LEVELS - 1, when asked for. */
  windows?: ChildCounts;
}

/** What a page reader needs from each shard. */
export interface ShardReader {
  head(shard: number, query: HeadQuery): Promise<ShardHead>;
  node(shard: number, query: { level: number; index: number; status?: RunFilter }): Promise<ChildCounts>;
}

export interface RunListQuery {
  offset: number;
  limit: number;
  status?: RunFilter;
}

export interface RunListPage {
  entries: RunIndexEntry[];
  /** Runs matching the filter. */
  total: number;
}

export function shardOf(id: string): number {
  let hash = 2166136261;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 16777619);
  return (hash >>> 0) % RUN_LIST_SHARDS;
}

const spanMs = (level: number) => 2 ** (LEAF_BITS + FANOUT_BITS * level);
/** Index of the node at `level` (0..LEVELS) that covers creation time `t`. */
const indexAt = (level: number, t: number) => Math.floor(t / spanMs(level));
const startOf = (level: number, index: number) => index * spanMs(level);
const endOf = (level: number, index: number) => (index + 1) * spanMs(level);

const TOP_KEY = "top";
/** The top key's root counts alone, kept beside it: what a deep read needs of the top, without its newest entries. */
const ROOTS_KEY = "roots";
const nodeKey = (status: RunStatus, level: number, index: number) => `node:${status}:${level}:${index}`;
/** Per status, its count per node one level below the roots: what a deep page's first round reads. */
const windowsKey = (status: RunStatus) => `windows:${status}`;

export function matches(status: RunStatus, filter: RunFilter): boolean {
  if (filter === undefined) return true;
  if (filter === "active") return !isRunFinished(status);
  return status === filter;
}

const statusesOf = (filter: RunFilter) => RUN_STATUSES.filter((s) => matches(s, filter));

/** Newest first; ties (same millisecond) by id, so every reader sees one order. */
export function newerFirst(a: RunIndexEntry, b: RunIndexEntry): number {
  return b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

const newestFirst = (counts: object) =>
  Object.keys(counts)
    .map(Number)
    .sort((a, b) => b - a);

function add(counts: Record<string, number | undefined>, key: string | number, delta: number): void {
  const n = (counts[key] ?? 0) + delta;
  if (n) counts[key] = n;
  else delete counts[key];
}

/** A shard's state, as the shard object sees it (lazily, key by key); reads meant to overlap go through `getMany` (restate/get-many.ts). */
export interface ShardState {
  get<T>(key: string): Promise<T | null>;
  getMany<T>(keys: string[]): Promise<(T | null)[]>;
  set<T>(key: string, value: T): void;
  clear(key: string): void;
}

/** What the read handlers may do: read. */
export type ShardReads = Pick<ShardState, "get" | "getMany">;

interface PathStep {
  level: number;
  index: number;
  node: TreeNode;
}

/** From the top node covering `t` down to the one holding entries there (it may not exist yet: empty). */
async function pathTo(state: ShardState, status: RunStatus, t: number): Promise<PathStep[]> {
  const path: PathStep[] = [];
  for (let level = LEVELS; level >= 0; level--) {
    const index = indexAt(level, t);
    const node = (await state.get<TreeNode>(nodeKey(status, level, index))) ?? { entries: [] };
    path.push({ level, index, node });
    if (!node.counts) break;
  }
  return path;
}

/** Writes a node's entries, splitting it (and any child still too big) while it has more than SEGMENT. */
function writeEntries(
  state: ShardState,
  status: RunStatus,
  level: number,
  index: number,
  entries: RunIndexEntry[],
): void {
  const key = nodeKey(status, level, index);
  if (entries.length === 0) return state.clear(key);
  if (entries.length <= SEGMENT || level === 0) return state.set(key, { entries });
  const children = new Map<number, RunIndexEntry[]>();
  for (const entry of entries) {
    const child = indexAt(level - 1, entry.createdAt);
    children.set(child, [...(children.get(child) ?? []), entry]);
  }
  const counts: ChildCounts = {};
  for (const [child, group] of children) {
    counts[child] = group.length;
    writeEntries(state, status, level - 1, child, group);
  }
  state.set(key, { counts });
}

/** Changes the counts on a path (and the roots, and the status's windows) by one entry. */
function countPath(
  state: ShardState,
  top: Top,
  windows: ChildCounts,
  status: RunStatus,
  t: number,
  path: PathStep[],
  delta: number,
): void {
  add(windows, indexAt(LEVELS - 1, t), delta);
  if (Object.keys(windows).length > 0) state.set(windowsKey(status), windows);
  else state.clear(windowsKey(status));
  const root = String(indexAt(LEVELS, t));
  const counts = { ...top.roots[root] };
  add(counts, status, delta);
  if (Object.keys(counts).length > 0) top.roots[root] = counts;
  else delete top.roots[root];
  for (const step of path) {
    if (!step.node.counts) continue;
    add(step.node.counts, indexAt(step.level - 1, t), delta);
    const key = nodeKey(status, step.level, step.index);
    if (Object.keys(step.node.counts).length > 0) state.set(key, step.node);
    else state.clear(key);
  }
}

/** Each status's windows as read (`kept`), or, where a shard written before the windows keys has none, counted from its nodes. */
async function windowsOrCounted(
  state: ShardReads,
  roots: Roots,
  statuses: RunStatus[],
  kept: (ChildCounts | null)[],
): Promise<ChildCounts[]> {
  const windows: ChildCounts[] = [];
  for (const [i, s] of statuses.entries()) windows.push(kept[i] ?? (await countedFromNodes(state, roots, [s])));
  return windows;
}

/**
 * The top key (with `newest: false`, only its roots), the windows of
 * `statuses` and the nodes at `nodeKeys` (as read, null where none), in one
 * read. A shard written before the roots key existed has its roots read from
 * the top key, a second read.
 */
async function readTopAnd(
  state: ShardReads,
  statuses: RunStatus[],
  nodeKeys: string[] = [],
  newest = true,
): Promise<[Top, ChildCounts[], (TreeNode | null)[]]> {
  const values = await state.getMany<unknown>([newest ? TOP_KEY : ROOTS_KEY, ...statuses.map(windowsKey), ...nodeKeys]);
  const found = newest
    ? (values[0] as Top | null)
    : values[0]
      ? { roots: values[0] as Roots, newest: {} }
      : await state.get<Top>(TOP_KEY);
  const top = found ?? { roots: {}, newest: {} };
  const kept = values.slice(1, 1 + statuses.length) as (ChildCounts | null)[];
  const nodes = values.slice(1 + statuses.length) as (TreeNode | null)[];
  return [top, await windowsOrCounted(state, top.roots, statuses, kept), nodes];
}

function writeTop(state: ShardState, top: Top): void {
  if (Object.keys(top.roots).length > 0) {
    state.set(TOP_KEY, top);
    state.set(ROOTS_KEY, top.roots);
  } else {
    state.clear(TOP_KEY);
    state.clear(ROOTS_KEY);
  }
}

/**
 * Reads what taking `entry` out of its status's tree needs and returns the
 * writes that do it (null if it is not there); they change `top` too. Read
 * first, write after: a reader of the shard between two of its writes must
 * not find a run in neither status.
 */
async function prepareRemoval(
  state: ShardState,
  top: Top,
  windows: ChildCounts,
  entry: { id: string; status: RunStatus; createdAt: number },
): Promise<(() => void) | null> {
  const path = await pathTo(state, entry.status, entry.createdAt);
  const holder = path[path.length - 1];
  const entries = holder.node.entries!;
  const at = entries.findIndex((e) => e.id === entry.id);
  if (at < 0) return null;
  // The next newest comes up from the tree: read now, with the entry still in it.
  const refill = (top.newest[entry.status] ?? []).some((e) => e.id === entry.id)
    ? (await newestOf(state, top.roots, entry.status, Infinity, NEWEST + 1))
        .filter((e) => e.id !== entry.id)
        .slice(0, NEWEST)
    : null;
  return () => {
    entries.splice(at, 1);
    countPath(state, top, windows, entry.status, entry.createdAt, path, -1);
    writeEntries(state, entry.status, holder.level, holder.index, entries);
    if (refill?.length) top.newest[entry.status] = refill;
    else if (refill) delete top.newest[entry.status];
  };
}

/** Puts an entry in its status's tree, replacing one with the same id there; an entry known by an older status is moved out of that one in the same writes. */
export async function putEntry(
  state: ShardState,
  entry: RunIndexEntry,
  previous?: { status: RunStatus; createdAt: number },
): Promise<void> {
  const moving = previous && (previous.status !== entry.status || previous.createdAt !== entry.createdAt);
  if (moving && previous.status === entry.status) {
    // One tree both ways (a creation time that changed, which runs never do): out first, then in.
    await removeEntry(state, { id: entry.id, ...previous });
    return putEntry(state, entry);
  }
  const [top, [windows, oldWindows]] = await readTopAnd(
    state,
    moving ? [entry.status, previous.status] : [entry.status],
  );
  const removal = moving ? await prepareRemoval(state, top, oldWindows, { id: entry.id, ...previous }) : null;
  const path = await pathTo(state, entry.status, entry.createdAt);
  // Only writes from here on.
  removal?.();
  const holder = path[path.length - 1];
  const entries = holder.node.entries!;
  const cached = top.newest[entry.status] ?? [];
  const at = entries.findIndex((e) => e.id === entry.id);
  if (at >= 0) {
    entries[at] = entry;
    state.set(nodeKey(entry.status, holder.level, holder.index), { entries });
    top.newest[entry.status] = cached.map((e) => (e.id === entry.id ? entry : e));
    return writeTop(state, top);
  }
  countPath(state, top, windows, entry.status, entry.createdAt, path, +1);
  writeEntries(state, entry.status, holder.level, holder.index, [...entries, entry].sort(newerFirst));
  if (cached.length < NEWEST || newerFirst(entry, cached[cached.length - 1]) < 0) {
    top.newest[entry.status] = [...cached, entry].sort(newerFirst).slice(0, NEWEST);
  }
  writeTop(state, top);
}

/** Takes an entry out of its status's tree; nothing if it is not there. */
export async function removeEntry(
  state: ShardState,
  entry: { id: string; status: RunStatus; createdAt: number },
): Promise<void> {
  const [top, [windows]] = await readTopAnd(state, [entry.status]);
  const removal = await prepareRemoval(state, top, windows, entry);
  if (!removal) return;
  removal();
  writeTop(state, top);
}

/** A status's newest entries created before `before`, walking down only where there are any. */
async function newestOf(
  state: ShardReads,
  roots: Roots,
  status: RunStatus,
  before: number,
  limit: number,
): Promise<RunIndexEntry[]> {
  const found: RunIndexEntry[] = [];
  const visit = async (level: number, index: number): Promise<void> => {
    const node = (await state.get<TreeNode>(nodeKey(status, level, index))) ?? { entries: [] };
    if (node.entries) {
      for (const entry of node.entries) {
        if (found.length >= limit) return;
        if (entry.createdAt < before) found.push(entry);
      }
      return;
    }
    for (const child of newestFirst(node.counts)) {
      if (found.length >= limit) return;
      if (startOf(level - 1, child) < before) await visit(level - 1, child);
    }
  };
  for (const root of newestFirst(roots)) {
    if (found.length >= limit) break;
    if (roots[root][status] && startOf(LEVELS, root) < before) await visit(LEVELS, root);
  }
  return found;
}

const filteredTotal = (roots: Roots, filter: RunFilter): number =>
  Object.values(roots)
    .flatMap((counts) => Object.entries(counts))
    .reduce((n, [status, count]) => (matches(status as RunStatus, filter) ? n + (count ?? 0) : n), 0);

/** The same counts from every root's node of each status: what the windows keys save a deep page from reading. */
async function countedFromNodes(state: ShardReads, roots: Roots, statuses: RunStatus[]): Promise<ChildCounts> {
  const wanted = Object.keys(roots).flatMap((root) =>
    statuses.filter((s) => roots[root][s]).map((s) => nodeKey(s, LEVELS, Number(root))),
  );
  if (wanted.length === 0) return {};
  const counts: ChildCounts = {};
  for (const node of await state.getMany<TreeNode>(wanted)) {
    if (node?.entries) for (const entry of node.entries) add(counts, indexAt(LEVELS - 1, entry.createdAt), 1);
    else if (node?.counts) for (const [child, n] of Object.entries(node.counts)) add(counts, child, n);
  }
  return counts;
}

/**
 * The newest entries of several statuses created before `before`, walking
 * their trees side by side in time order, so a rare status costs reads only
 * where the page is, not all the way back to where it has `limit` entries.
 * At each level the children a page needs are read at once, as many as
 * their counts say hold `limit` entries: a round trip a level, not a child.
 */
async function newestAcross(
  state: ShardReads,
  roots: Roots,
  statuses: RunStatus[],
  before: number,
  limit: number,
  seed?: ReadonlyMap<string, TreeNode | null>,
): Promise<RunIndexEntry[]> {
  const found: RunIndexEntry[] = [];
  const read = new Map<string, TreeNode | null>(seed);
  const nodesAt = async (keys: string[]): Promise<TreeNode[]> => {
    const missing = keys.filter((key) => !read.has(key));
    if (missing.length > 0) (await state.getMany<TreeNode>(missing)).forEach((node, i) => read.set(missing[i], node));
    return keys.map((key) => read.get(key) ?? { entries: [] });
  };
  interface Child {
    index: number;
    split: RunStatus[];
    held: RunIndexEntry[];
    count: number;
  }
  // How many of a child's entries are surely older than `before`: all of them if it ends by then, else what
  // its nodes already read show (the path to `before` came with the first read), else none for sure.
  const surelyBefore = (level: number, child: Child): number => {
    if (endOf(level, child.index) <= before) return child.count;
    let n = child.held.filter((e) => e.createdAt < before).length;
    for (const s of child.split) {
      const node = read.get(nodeKey(s, level, child.index));
      if (node?.entries) n += node.entries.filter((e) => e.createdAt < before).length;
      else if (node?.counts)
        for (const [index, count] of Object.entries(node.counts))
          if (endOf(level - 1, Number(index)) <= before) n += count;
    }
    return n;
  };
  const prefetch = (level: number, children: Child[]) => {
    const keys: string[] = [];
    let sure = 0;
    for (const child of children) {
      if (sure >= limit - found.length) break;
      keys.push(...child.split.map((s) => nodeKey(s, level, child.index)));
      sure += surelyBefore(level, child);
    }
    return nodesAt(keys);
  };
  const walk = async (level: number, children: Child[]): Promise<void> => {
    const older = children.filter((c) => startOf(level, c.index) < before);
    await prefetch(level, older);
    for (const child of older) {
      if (found.length >= limit) return;
      await visit(level, child);
    }
  };
  // `held`: entries of statuses whose tree keeps them at a coarser level, covering this node.
  const visit = async (level: number, { index, split, held }: Child): Promise<void> => {
    const nodes = (await nodesAt(split.map((s) => nodeKey(s, level, index)))).map(
      (node, i) => [split[i], node] as const,
    );
    const inline = [...held, ...nodes.flatMap(([, node]) => node.entries ?? [])];
    const deeper = nodes.filter(([, node]) => node.counts);
    if (level === 0 || deeper.length === 0) {
      for (const entry of inline.sort(newerFirst)) {
        if (found.length >= limit) return;
        if (entry.createdAt < before) found.push(entry);
      }
      return;
    }
    const indexes = new Set<number>(deeper.flatMap(([, node]) => Object.keys(node.counts!).map(Number)));
    for (const entry of inline) indexes.add(indexAt(level - 1, entry.createdAt));
    const children = [...indexes]
      .sort((a, b) => b - a)
      .map((child): Child => {
        const inChild = inline.filter((e) => indexAt(level - 1, e.createdAt) === child);
        const splitHere = deeper.filter(([, node]) => node.counts![child]);
        const count = inChild.length + splitHere.reduce((n, [, node]) => n + node.counts![child], 0);
        return { index: child, split: splitHere.map(([s]) => s), held: inChild, count };
      });
    await walk(level - 1, children);
  };
  const tops = newestFirst(roots).map((root): Child => {
    const present = statuses.filter((s) => roots[root][s]);
    return { index: root, split: present, held: [], count: present.reduce((n, s) => n + (roots[root][s] ?? 0), 0) };
  });
  await walk(
    LEVELS,
    tops.filter((t) => t.split.length > 0),
  );
  return found;
}

/**
 * Where a walk from `before` starts, read with the roots: per status, the top
 * node covering the instant just before `before`, the window (a node one
 * level down) covering it and the window before, where a page that starts at
 * a window's end goes on. Finer nodes exist only where a burst packed a
 * window, so they are read when the walk finds them.
 */
const pathKeys = (statuses: RunStatus[], before: number) =>
  statuses.flatMap((s) => {
    const window = indexAt(LEVELS - 1, before - 1);
    return [
      nodeKey(s, LEVELS, indexAt(LEVELS, before - 1)),
      nodeKey(s, LEVELS - 1, window),
      nodeKey(s, LEVELS - 1, window - 1),
    ];
  });

/**
 * One shard's newest matching entries created before `query.before`: from its
 * top key when that holds them, else from the trees. The top key, the
 * windows asked for and, for a bounded read, the nodes on the path to
 * `before` come in one read: a walk from there needs more reads only where
 * the page reaches past those nodes.
 */
export async function shardHead(state: ShardReads, query: HeadQuery): Promise<ShardHead> {
  const statuses = statusesOf(query.status);
  const fromTop = query.limit === 0 || (query.before === null && query.limit <= NEWEST);
  const path = !fromTop && query.before !== null ? pathKeys(statuses, query.before) : [];
  // Only a page from the top reads the newest entries the top key holds; the others need its roots.
  const [top, windows, nodes] = await readTopAnd(
    state,
    query.windows ? statuses : [],
    path,
    fromTop && query.limit > 0,
  );
  const total = filteredTotal(top.roots, query.status);
  const seed = new Map(path.map((key, i) => [key, nodes[i]]));
  const lists =
    query.limit === 0
      ? []
      : fromTop
        ? statuses.map((s) => top.newest[s] ?? [])
        : [await newestAcross(state, top.roots, statuses, query.before ?? Infinity, query.limit, seed)];
  const entries = lists.flat().sort(newerFirst).slice(0, query.limit);
  return query.windows ? { entries, total, windows: sum(windows) } : { entries, total };
}

/**
 * One shard's count per child of a node, over the statuses the filter takes.
 * Where a coarser node still holds that time range's entries itself, they
 * are counted from there.
 */
export async function shardNode(
  state: ShardReads,
  query: { level: number; index: number; status?: RunFilter },
): Promise<ChildCounts> {
  const start = startOf(query.level, query.index);
  const counts: ChildCounts = {};
  // Down from the top, every status at once; a status drops out where its entries are (or it has none).
  let statuses = statusesOf(query.status);
  for (let level = LEVELS; level >= query.level && statuses.length > 0; level--) {
    const nodes = await state.getMany<TreeNode>(statuses.map((s) => nodeKey(s, level, indexAt(level, start))));
    statuses = statuses.filter((_, i) => {
      const node = nodes[i];
      if (!node) return false;
      if (node.entries) {
        for (const entry of node.entries)
          if (indexAt(query.level, entry.createdAt) === query.index)
            add(counts, indexAt(query.level - 1, entry.createdAt), 1);
        return false;
      }
      if (level === query.level) for (const [child, n] of Object.entries(node.counts)) add(counts, child, n);
      return true;
    });
  }
  return counts;
}

function sum(counts: ChildCounts[]): ChildCounts {
  const total: ChildCounts = {};
  for (const c of counts) for (const [key, n] of Object.entries(c)) add(total, key, n);
  return total;
}

/**
 * Per filter, each shard's counts per node one level below the roots, as the
 * last deep page of that filter found them: a guess of where the next deep
 * page lies, checked against fresh counts every time (a wrong guess costs
 * one more round, never a wrong page).
 */
export type DeepHints = Map<string, ChildCounts[]>;
/** Entries asked for beyond a guess's need, so a few runs finishing or starting meanwhile do not spoil it. */
const GUESS_SLACK = 8;

/** The node holding position `offset`, newest first, and the position within it. */
function locate(counts: ChildCounts, offset: number): { chosen: number; rest: number } | undefined {
  let rest = offset;
  for (const index of newestFirst(counts)) {
    if (rest < counts[index]) return { chosen: index, rest };
    rest -= counts[index];
  }
  return undefined;
}

/**
 * A page of the runs list over every shard, newest first. Near the top it is
 * one round of `head` reads. Deeper, the first round also brings each
 * shard's counts one level below the roots; their sums pick the node holding
 * the offset, and finer counts are read (a round each) only while that node
 * holds more than DEEP_WINDOW entries before the page's end; then one round
 * of `head` reads from that node's end, each shard asked for no more than it
 * can contribute. With `hints`, the first round already reads where the
 * last deep page's counts put this one, and that answer is used when the
 * fresh counts agree: one round. Under concurrent changes a page and its
 * total reflect each shard at the moment it was read.
 */
export async function readRunList(reader: ShardReader, query: RunListQuery, hints?: DeepHints): Promise<RunListPage> {
  const shards = Array.from({ length: RUN_LIST_SHARDS }, (_, s) => s);
  const { offset, limit, status } = query;
  const merge = (answers: ShardHead[], skip: number) =>
    answers
      .flatMap((h) => h.entries)
      .sort(newerFirst)
      .slice(skip, skip + limit);
  // What shard s can contribute to a page `rest` into node `chosen`: no more than its share of the node, plus
  // what the page takes from older nodes (all of it may come from this shard), and no more than the page reaches.
  const need = (perShard: ChildCounts[], s: number, chosen: number, rest: number) => {
    const inNode = perShard.reduce((n, counts) => n + (counts[chosen] ?? 0), 0);
    const older = Math.max(0, rest + limit - inNode);
    return Math.min(rest + limit, (perShard[s][chosen] ?? 0) + older);
  };

  const shortcut = offset + limit <= HEAD_LIMIT;
  const hint = shortcut ? undefined : hints?.get(status ?? "");
  const guess = hint ? locate(sum(hint), offset) : undefined;
  const asked = shards.map((s) =>
    shortcut ? offset + limit : guess ? need(hint!, s, guess.chosen, guess.rest) + GUESS_SLACK : 0,
  );
  const first = await Promise.all(
    shards.map((s) =>
      reader.head(s, {
        status,
        before: guess ? endOf(LEVELS - 1, guess.chosen) : null,
        limit: asked[s],
        windows: !shortcut,
      }),
    ),
  );
  const total = first.reduce((n, h) => n + h.total, 0);
  if (offset >= total) return { entries: [], total };
  if (shortcut) return { entries: merge(first, offset), total };

  let perShard = first.map((h) => h.windows ?? {});
  hints?.set(status ?? "", perShard);
  let level = LEVELS - 1;
  let rest = offset;
  for (;;) {
    const found = locate(sum(perShard), rest);
    // The counts moved between rounds (a concurrent change): nothing sensible to page.
    if (found === undefined) return { entries: [], total };
    const { chosen } = found;
    rest = found.rest;
    if (level === 0 || rest + limit <= DEEP_WINDOW) {
      const needs = shards.map((s) => need(perShard, s, chosen, rest));
      const guessed = level === LEVELS - 1 && guess?.chosen === chosen && shards.every((s) => asked[s] >= needs[s]);
      const answers = guessed
        ? first
        : await Promise.all(
            shards.map((s) => reader.head(s, { status, before: endOf(level, chosen), limit: needs[s] })),
          );
      return { entries: merge(answers, rest), total };
    }
    perShard = await Promise.all(shards.map((s) => reader.node(s, { level, index: chosen, status })));
    level -= 1;
  }
}
