"use client";

import { useSearchParams } from "next/navigation";
import { useCallback } from "react";

/**
 * View state kept in the address bar, so a reload or a shared link shows the
 * same view. Updates go through history.replaceState, which Next.js syncs into
 * useSearchParams without a server round trip and without a history entry per
 * zoom click. A null or empty value removes the parameter.
 */
export function useUrlParams(): [URLSearchParams, (changes: Record<string, string | number | null>) => void] {
  const params = useSearchParams();
  const update = useCallback((changes: Record<string, string | number | null>) => {
    const next = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === "") next.delete(key);
      else next.set(key, String(value));
    }
    const query = next.toString();
    // null state: Next.js syncs a foreign replaceState into useSearchParams, but treats its own state object as internal and ignores it.
    window.history.replaceState(null, "", `${window.location.pathname}${query ? `?${query}` : ""}`);
  }, []);
  return [new URLSearchParams(params.toString()), update];
}
