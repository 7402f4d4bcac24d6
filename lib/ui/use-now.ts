"use client";

import { useEffect, useState } from "react";

/**
 * The current time, re-read every `intervalMs` while `active`. It only moves
 * clocks (elapsed time, running bars); data still arrives through SWR.
 */
export function useNow(intervalMs: number, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    // Catch up at once when it becomes active (the state may be old), then tick.
    const first = setTimeout(() => setNow(Date.now()), 0);
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [intervalMs, active]);
  return now;
}
