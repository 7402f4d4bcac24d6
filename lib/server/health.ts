import "server-only";
import type { PartsHealth } from "@/lib/health";
import { RUN_WORKFLOW } from "@/lib/names";
import { accepts, restateAdminFetch } from "./restate";

interface Deployment {
  uri?: string;
  services?: Array<{ name: string }>;
}

/**
 * Whether Restate and the services are up, as the run page shows it. While
 * the services are down, queries wait for them inside Restate rather than
 * fail, so the page cannot tell from its polls alone. Restate's list of
 * deployments says where the services live; a TCP connection there says
 * whether anything listens. A deployment without a URL (a function) is "unknown".
 */
export async function partsHealth(): Promise<PartsHealth> {
  let deployments: Deployment[];
  try {
    const response = await restateAdminFetch("/deployments", { signal: AbortSignal.timeout(3000) });
    if (!response.ok) return { restate: "down", services: "unknown" };
    deployments = ((await response.json()) as { deployments: Deployment[] }).deployments;
  } catch {
    return { restate: "down", services: "unknown" };
  }
  const urls = deployments.filter((d) => d.services?.some((s) => s.name === RUN_WORKFLOW)).map((d) => d.uri);
  if (urls.length === 0 || urls.some((u) => !u)) return { restate: "up", services: "unknown" };
  const listening = await Promise.all(urls.map((u) => accepts(u!, 1000)));
  return { restate: "up", services: listening.some(Boolean) ? "up" : "down" };
}
