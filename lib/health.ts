/** What `GET /api/health/parts` answers: the parts a run needs, as the dashboard sees them. */
export interface PartsHealth {
  restate: "up" | "down";
  /** "unknown" when Restate is down, or the services are not reachable by URL (a function). */
  services: "up" | "down" | "unknown";
}
