import { statusStyle, type AnyStatus } from "./status-style";

/** The glyph alone; callers always render the status word next to it, so it is hidden from screen readers. */
export function StatusIcon({ status, className = "" }: { status: AnyStatus; className?: string }) {
  return (
    <span
      aria-hidden="true"
      className={`inline-block w-[1.1em] shrink-0 text-center font-bold ${statusStyle(status).text} ${className}`}
    >
      {statusStyle(status).icon}
    </span>
  );
}
