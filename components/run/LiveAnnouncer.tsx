"use client";

import { useEffect, useRef, useState } from "react";
import type { RunSummary } from "@/lib/answers";
import { isRunFinished } from "@/lib/status";

/** At most one announcement this often, so a fast run does not flood a screen reader. */
const THROTTLE_MS = 5000;

function describe(summary: RunSummary): string {
  const { counts } = summary;
  const parts = [`Run ${summary.status}`, `${summary.done} of ${summary.total} subtasks done`];
  if (counts.running) parts.push(`${counts.running} running`);
  if (counts.retrying) parts.push(`${counts.retrying} retrying`);
  if (counts.failed) parts.push(`${counts.failed} failed`);
  if (counts.cancelled) parts.push(`${counts.cancelled} cancelled`);
  return `${parts.join(", ")}.`;
}

/**
 * A polite live region that says how the run stands when that changes:
 * throttled to one message every few seconds, except that the run finishing
 * is said at once.
 */
export function LiveAnnouncer({ summary }: { summary: RunSummary }) {
  const [message, setMessage] = useState("");
  const lastAt = useRef(0);
  const lastMessage = useRef("");
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const text = describe(summary);
  const finished = isRunFinished(summary.status);

  useEffect(() => {
    // The first state is on screen already; only changes are news.
    if (lastMessage.current === "") {
      lastMessage.current = text;
      lastAt.current = Date.now();
      return;
    }
    if (text === lastMessage.current) return;
    const say = () => {
      timer.current = null;
      lastMessage.current = text;
      lastAt.current = Date.now();
      setMessage(text);
    };
    if (timer.current) clearTimeout(timer.current);
    const wait = finished ? 0 : Math.max(0, lastAt.current + THROTTLE_MS - Date.now());
    if (wait === 0) say();
    else timer.current = setTimeout(say, wait);
  }, [text, finished]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  return (
    <div role="status" aria-live="polite" aria-atomic="true" className="sr-only" data-testid="live-announcer">
      {message}
    </div>
  );
}
