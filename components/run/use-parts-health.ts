"use client";

import useSWR from "swr";
import type { PartsHealth } from "@/lib/health";
import { fetchJson } from "@/lib/ui/fetch-json";

/** Restate's and the services' health, polled while a run is live (a finished run needs neither). */
export function usePartsHealth(enabled: boolean) {
  return useSWR<PartsHealth>(enabled ? "/api/health/parts" : null, fetchJson, { refreshInterval: 2000 });
}
