import type { RunStatus, SubtaskStatus } from "@/lib/status";

export type AnyStatus = RunStatus | SubtaskStatus;

export interface StatusStyle {
  /** Shown next to the text, never instead of it: colour and glyph are both redundant cues. */
  icon: string;
  /** Solid fill for bars, segments and icons. */
  fill: string;
  /** Glyph colour. */
  text: string;
  /** Badge border and tinted background. */
  badge: string;
  /** Extra pattern on bars, so statuses differ without colour too. */
  pattern: string;
  /** The fill as a colour value, for drawing on a canvas (the overview strip). */
  hex: string;
}

/*
 * Okabe–Ito colours, chosen to stay distinguishable with the common colour
 * vision deficiencies. Class names are written out in full (not built from the
 * hex) so Tailwind finds them when it scans this file. Failed and cancelled get
 * different glyphs, hues and patterns, since both mean "did not succeed".
 * Retrying owns orange; the run's own working phases (splitting, aggregating)
 * use sky blue so a retrying count never looks like the run's state.
 */
export const STATUS_STYLES: Record<AnyStatus, StatusStyle> = {
  pending: {
    icon: "○",
    fill: "bg-neutral-400 dark:bg-neutral-500",
    text: "text-neutral-500 dark:text-neutral-400",
    badge: "border-neutral-400 bg-neutral-400/10",
    pattern: "",
    hex: "#a3a3a3",
  },
  splitting: {
    icon: "⇉",
    fill: "bg-[#56B4E9]",
    text: "text-[#0072B2] dark:text-[#56B4E9]",
    badge: "border-[#56B4E9] bg-[#56B4E9]/15",
    pattern: "",
    hex: "#56B4E9",
  },
  running: {
    icon: "▶",
    fill: "bg-[#0072B2]",
    text: "text-[#0072B2] dark:text-[#56B4E9]",
    badge: "border-[#0072B2] bg-[#0072B2]/15",
    pattern: "stripes",
    hex: "#0072B2",
  },
  retrying: {
    icon: "↻",
    fill: "bg-[#E69F00]",
    text: "text-[#9A6A00] dark:text-[#E69F00]",
    badge: "border-[#E69F00] bg-[#E69F00]/15",
    pattern: "",
    hex: "#E69F00",
  },
  aggregating: {
    icon: "∑",
    fill: "bg-[#56B4E9]",
    text: "text-[#0072B2] dark:text-[#56B4E9]",
    badge: "border-[#56B4E9] bg-[#56B4E9]/15",
    pattern: "",
    hex: "#56B4E9",
  },
  succeeded: {
    icon: "✓",
    fill: "bg-[#009E73]",
    text: "text-[#007A59] dark:text-[#009E73]",
    badge: "border-[#009E73] bg-[#009E73]/15",
    pattern: "",
    hex: "#009E73",
  },
  failed: {
    icon: "✕",
    fill: "bg-[#D55E00]",
    text: "text-[#B34F00] dark:text-[#E07B39]",
    badge: "border-[#D55E00] bg-[#D55E00]/15",
    pattern: "",
    hex: "#D55E00",
  },
  cancelled: {
    icon: "⊘",
    fill: "bg-[#CC79A7]",
    text: "text-[#A8487D] dark:text-[#CC79A7]",
    badge: "border-[#CC79A7] border-dashed bg-[#CC79A7]/15",
    pattern: "stripes",
    hex: "#CC79A7",
  },
  killed: {
    icon: "☠",
    fill: "bg-neutral-700 dark:bg-neutral-300",
    text: "text-neutral-800 dark:text-neutral-200",
    badge: "border-neutral-700 border-double bg-neutral-700/15 dark:border-neutral-300",
    pattern: "stripes",
    hex: "#404040",
  },
};

export function statusStyle(status: AnyStatus): StatusStyle {
  return STATUS_STYLES[status];
}
