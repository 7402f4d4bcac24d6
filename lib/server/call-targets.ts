import "server-only";
import { allowedTargets, parseAllowList, type CallTarget, type CallTargetList } from "@/lib/call-targets";
import { restateAdminFetch } from "./restate";

interface AdminService {
  name: string;
  ty: "Service" | "VirtualObject" | "Workflow";
  handlers: { name: string }[];
}

/** Every handler registered on the Restate server, from its admin API. */
async function registeredTargets(): Promise<CallTarget[]> {
  const response = await restateAdminFetch("/services", { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`Restate admin /services failed: ${response.status} ${await response.text()}`);
  const { services } = (await response.json()) as { services: AdminService[] };
  return services.flatMap((s) =>
    s.handlers.map((h) => ({
      target: `${s.name}/${h.name}`,
      service: s.name,
      handler: h.name,
      keyed: s.ty !== "Service",
    })),
  );
}

/** The handlers the `call` kind may invoke now: FANLINE_CALL_TARGETS applied to what Restate has registered. */
export async function loadCallTargets(): Promise<CallTargetList> {
  const allowList = parseAllowList(process.env.FANLINE_CALL_TARGETS);
  return { targets: allowedTargets(await registeredTargets(), allowList), allowList };
}
