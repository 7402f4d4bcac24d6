import { NextResponse } from "next/server";
import { restateAdminUrl } from "@/lib/server/admin";
import { LIMITS } from "@/lib/limits";
import { requireAccess } from "@/lib/server/auth";
import type { DashboardConfig } from "@/lib/ui/use-config";

export const dynamic = "force-dynamic";

/** What the browser needs from this server: where Restate's own UI is, and the limits the form checks against. */
export function GET(request: Request) {
  const denied = requireAccess(request, "read");
  if (denied) return denied;
  const config: DashboardConfig = {
    restateUiUrl: `${restateAdminUrl()}/ui`,
    limits: { maxSubtasks: LIMITS.maxSubtasks },
  };
  return NextResponse.json(config);
}
