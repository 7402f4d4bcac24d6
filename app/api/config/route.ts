import { NextResponse } from "next/server";
import { restateAdminUrl } from "@/lib/server/admin";

export const dynamic = "force-dynamic";

/** What the dashboard needs to link into Restate's own UI for an invocation. */
export function GET() {
  return NextResponse.json({ restateUiUrl: `${restateAdminUrl()}/ui` });
}
