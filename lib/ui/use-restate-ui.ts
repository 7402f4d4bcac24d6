"use client";

import useSWR from "swr";
import { fetchJson } from "./fetch-json";

/**
 * Where Restate's own UI lives (from the server's config), and the link to
 * one invocation in it. Restate's UI opens an invocation at
 * `<ui>/invocations/<id>`.
 */
export function useRestateUi(): { invocationUrl: (invocationId: string) => string | null } {
  const { data } = useSWR<{ restateUiUrl: string }>("/api/config", fetchJson, { revalidateOnFocus: false, shouldRetryOnError: false });
  const base = data?.restateUiUrl?.replace(/\/+$/, "");
  return {
    invocationUrl: (invocationId) => (base ? `${base}/invocations/${encodeURIComponent(invocationId)}` : null),
  };
}
