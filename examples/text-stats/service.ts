/*
 * An example of *your own* Restate service, deployed apart from Fanline:
 * Fanline's `call` kind invokes `TextStats/analyze` once per row of
 * sample.csv, through Restate, and shows every answer in its results table.
 *
 *   sample.csv ──► Fanline (kind "call") ──► Restate ──► TextStats/analyze (this file), once per row
 *
 * Real work on each item: text statistics and a SHA-256 checksum. An item
 * without text is refused with a TerminalError (not retried: retrying cannot
 * give it text), which Fanline groups under "Failures by cause".
 */
import { createHash } from "node:crypto";
import * as restate from "@restatedev/restate-sdk";

export interface TextItem {
  id?: string;
  text?: string;
}

export interface TextStats {
  id: string | null;
  characters: number;
  words: number;
  sentences: number;
  /** The most frequent word of three letters or more, lowercased (ties: the first seen). */
  topWord: string | null;
  sha256: string;
}

export function analyze(item: TextItem): TextStats {
  const text = item.text ?? "";
  const words = text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
  const counts = new Map<string, number>();
  for (const word of words) if (word.length >= 3) counts.set(word, (counts.get(word) ?? 0) + 1);
  let topWord: string | null = null;
  for (const [word, count] of counts) if (topWord === null || count > counts.get(topWord)!) topWord = word;
  return {
    id: item.id ?? null,
    characters: [...text].length,
    words: words.length,
    sentences: text.split(/[.!?]+/).filter((s) => s.trim() !== "").length,
    topWord,
    sha256: createHash("sha256").update(text).digest("hex"),
  };
}

export const textStats = restate.service({
  name: "TextStats",
  handlers: {
    /** One item ({id, text}, e.g. a CSV row) in, its statistics out. Pure work, so no durable step is needed. */
    analyze: async (_ctx: restate.Context, item: TextItem): Promise<TextStats> => {
      if (typeof item?.text !== "string" || item.text.trim() === "") {
        throw new restate.TerminalError(`Item ${JSON.stringify(item?.id ?? null)} has no text to analyse`);
      }
      return analyze(item);
    },
  },
});
