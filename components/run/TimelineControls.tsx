import type { ReactNode } from "react";
import { MAX_ZOOM, type TimeScale } from "./time-scale";
import type { RunViewState } from "./view-state";

interface Props {
  view: RunViewState;
  scale: TimeScale;
  active: boolean;
  onChange: (changes: Record<string, string | number | null>) => void;
}

/** Zoom, pan, follow live, sort and the errors-only toggle; each one lands in the URL. */
export function TimelineControls({ view, scale, active, onChange }: Props) {
  const at = scale.start - scale.origin;
  const following = active && view.follow;
  const zoomTo = (zoom: number) => {
    const next = Math.min(Math.max(zoom, 1), MAX_ZOOM);
    // Zoom about the middle of the window; when following, the live edge stays pinned instead.
    const centre = at + scale.span / 2;
    const span = scale.fullSpan / next;
    onChange({ zoom: next === 1 ? null : next, at: next === 1 ? null : Math.max(0, Math.round(centre - span / 2)) });
  };
  const pan = (direction: -1 | 1) =>
    onChange({ at: Math.max(0, Math.round(at + (direction * scale.span) / 2)) || null, follow: active ? 0 : null });
  const zoomed = view.zoom > 1;
  return (
    <div role="toolbar" aria-label="Timeline view" className="flex flex-wrap items-center gap-2 text-sm">
      <Group label="Zoom">
        <ToolButton onClick={() => zoomTo(view.zoom * 2)} disabled={view.zoom >= MAX_ZOOM} label="Zoom in">
          + Zoom in
        </ToolButton>
        <ToolButton onClick={() => zoomTo(view.zoom / 2)} disabled={!zoomed} label="Zoom out">
          − Zoom out
        </ToolButton>
        <ToolButton onClick={() => onChange({ zoom: null, at: null })} disabled={!zoomed} label="Fit">
          Fit
        </ToolButton>
        <span className="px-1 tabular-nums text-neutral-600 dark:text-neutral-400" aria-live="off">
          {view.zoom}×
        </span>
      </Group>
      {zoomed && (
        <Group label="Pan">
          <ToolButton onClick={() => pan(-1)} disabled={at <= 0} label="Earlier">
            ◀ Earlier
          </ToolButton>
          <ToolButton onClick={() => pan(1)} disabled={at + scale.span >= scale.fullSpan - 1} label="Later">
            Later ▶
          </ToolButton>
        </Group>
      )}
      {active && (
        <Toggle pressed={following} onClick={() => onChange({ follow: following ? 0 : null })}>
          Follow live
        </Toggle>
      )}
      <Toggle pressed={view.problemsFirst} onClick={() => onChange({ sort: view.problemsFirst ? null : "problems" })}>
        Failed &amp; running first
      </Toggle>
      <Toggle pressed={view.errorsOnly} onClick={() => onChange({ errors: view.errorsOnly ? null : 1 })}>
        Errors only
      </Toggle>
    </div>
  );
}

function Group({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="group" aria-label={label} className="flex items-center gap-1">
      {children}
    </div>
  );
}

const BUTTON =
  "rounded-md border border-neutral-300 px-2 py-1 hover:bg-neutral-100 disabled:opacity-40 disabled:hover:bg-transparent dark:border-neutral-700 dark:hover:bg-neutral-800";

function ToolButton({
  onClick,
  disabled,
  label,
  children,
}: {
  onClick: () => void;
  disabled?: boolean;
  label: string;
  children: ReactNode;
}) {
  return (
    <button type="button" onClick={onClick} disabled={disabled} aria-label={label} title={label} className={BUTTON}>
      {children}
    </button>
  );
}

function Toggle({ pressed, onClick, children }: { pressed: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onClick}
      className={`${BUTTON} aria-pressed:border-[#0072B2] aria-pressed:bg-[#0072B2]/10 dark:aria-pressed:border-[#56B4E9] dark:aria-pressed:bg-[#56B4E9]/15`}
    >
      <span aria-hidden="true" className="mr-1 inline-block w-3">
        {pressed ? "✓" : ""}
      </span>
      {children}
    </button>
  );
}
