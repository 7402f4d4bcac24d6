import { StatusIcon } from "./StatusIcon";
import { statusStyle, type AnyStatus } from "./status-style";

/** Icon + word + colour: each status is readable without colour and without the glyph. */
export function StatusBadge({ status }: { status: AnyStatus }) {
  return (
    <span
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium ${statusStyle(status).badge}`}
    >
      <StatusIcon status={status} />
      {status}
    </span>
  );
}
