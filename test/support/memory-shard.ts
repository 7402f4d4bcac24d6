import type { ShardState } from "@/lib/run-list";

/** A runs-list shard held in a Map, as the unit tests and the runs-list benchmark build it; `onRead` sees every key read. */
export function memoryShard(map: Map<string, unknown>, onRead: (key: string) => void = () => {}): ShardState {
  const get = async <T>(key: string) => {
    onRead(key);
    return (structuredClone(map.get(key)) as T) ?? null;
  };
  return {
    get,
    getMany: <T>(keys: string[]) => Promise.all(keys.map((key) => get<T>(key))),
    set: (key, value) => void map.set(key, structuredClone(value)),
    clear: (key) => void map.delete(key),
  };
}
