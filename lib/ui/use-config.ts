"use client";

import useSWR from "swr";
import type { ServerLimits } from "@/lib/limits";
import { fetchJson } from "./fetch-json";

/** `GET /api/config`: what the browser must learn from the server at run time, not from its bundle. */
export interface DashboardConfig {
  restateUiUrl: string;
  limits: ServerLimits;
}

export function useDashboardConfig(): DashboardConfig | undefined {
  const { data } = useSWR<DashboardConfig>("/api/config", fetchJson, {
    revalidateOnFocus: false,
    shouldRetryOnError: false,
  });
  return data;
}
