import type { ShardState } from "@/lib/run-list";

/**
 * A runs-list shard held in a Map, as the unit tests and the runs-list
 * benchmark build it; `onRead` sees every key read, `onRoundTrip` every
 * `get` or `getMany` (in Restate, one round trip to the server each).
 */
export function memoryShard(
  map: Map<string, unknown>,
  onRead: (key: string) => void = () => {},
  onRoundTrip: () => void = () => {},
): ShardState {
  const read = <T>(key: string) => {
    onRead(key);
    return (structuredClone(map.get(key)) as T) ?? null;
  };
  return {
    get: async <T>(key: string) => (onRoundTrip(), read<T>(key)),
    getMany: async <T>(keys: string[]) => (onRoundTrip(), keys.map((key) => read<T>(key))),
    set: (key, value) => void map.set(key, structuredClone(value)),
    clear: (key) => void map.delete(key),
  };
}
