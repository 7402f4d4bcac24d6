import type { SWRConfiguration } from "swr";
import { isNotFound } from "./fetch-json";

/** Longest wait between retries while the API is failing. */
const MAX_RETRY_MS = 8000;

/**
 * SWR's default retry backs off to minutes; a dashboard waiting for Restate to
 * come back should notice within seconds. A 404 never heals, so it is not retried.
 * SWR skips the retry while the tab is hidden and revalidates on focus instead.
 */
export const retryUnlessNotFound: SWRConfiguration["onErrorRetry"] = (
  error,
  _key,
  config,
  revalidate,
  { retryCount },
) => {
  if (isNotFound(error)) return;
  if (!config.isVisible()) return;
  setTimeout(() => revalidate({ retryCount }), Math.min(1000 * 2 ** Math.min(retryCount, 4), MAX_RETRY_MS));
};
