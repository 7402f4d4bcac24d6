"use client";

import { useDashboardConfig } from "./use-config";

/**
 * Where Restate's own UI lives (from the server's config), and the link to
 * one invocation in it. Restate's UI opens an invocation at
 * `<ui>/invocations/<id>`.
 */
export function useRestateUi(): { invocationUrl: (invocationId: string) => string | null } {
  const base = useDashboardConfig()?.restateUiUrl?.replace(/\/+$/, "");
  return {
    invocationUrl: (invocationId) => (base ? `${base}/invocations/${encodeURIComponent(invocationId)}` : null),
  };
}
