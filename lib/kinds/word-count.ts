import { z } from "zod";
import type { TaskKind } from "./kind";

/**
 * Word counts over pasted text: the text is cut into chunks of `chunkSize`
 * words, each chunk is counted in its own subtask, and the aggregate merges
 * the counts into totals and the top words. A result anyone can check.
 */

const MAX_TEXT_BYTES = 1024 * 1024;
const DEFAULT_CHUNK = 200;
const MAX_CHUNK = 100_000;
const TOP = 10;
/**
 * Words are runs of letters, combining marks, digits and apostrophes,
 * compared lowercased. Marks matter: Devanagari vowel signs and the dot that
 * lowercasing "İ" leaves behind are marks, not letters, and must not split a word.
 */
const WORD = /[\p{L}\p{M}\p{N}']+/gu;
/** Text is split into chunks on whitespace, so a chunk boundary never cuts a word. */
const TOKEN = /\S+/g;

export function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).filter((word) => /[\p{L}\p{N}]/u.test(word));
}

/**
 * Counts into a Map: a plain object would answer inherited keys, so
 * "constructor" would start from a function. The result is an object with
 * only own keys (it is journaled as JSON).
 */
export function countWords(text: string): ChunkCount {
  const counts = new Map<string, number>();
  const words = wordsOf(text);
  for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  return { words: words.length, counts: Object.fromEntries(counts) };
}

const wordCountInput = z
  .object({
    text: z.string({ error: "Text must be text." }),
    chunkSize: z
      .number({ error: "Words per subtask must be a number." })
      .int({ error: "Words per subtask must be a whole number." })
      .min(1, { error: "Words per subtask must be at least 1." })
      .max(MAX_CHUNK, { error: `Words per subtask must be at most ${MAX_CHUNK.toLocaleString("en-US")}.` })
      .optional(),
  })
  .superRefine(({ text }, check) => {
    if (new TextEncoder().encode(text).length > MAX_TEXT_BYTES) {
      check.addIssue({ code: "custom", path: ["text"], message: "Text is larger than 1 MiB; paste less." });
      return;
    }
    const tokens = text.match(TOKEN)?.length ?? 0;
    if (tokens === 0) {
      check.addIssue({ code: "custom", path: ["text"], message: "Text is empty: paste some words to count." });
    }
  });

type WordCountInput = z.infer<typeof wordCountInput>;

export interface ChunkCount {
  words: number;
  counts: Record<string, number>;
}

export interface WordCountAggregate {
  totalWords: number;
  distinctWords: number;
  top: { word: string; count: number }[];
}

const PREVIEW_WORDS = 4;

export const wordCount: TaskKind<WordCountInput, string, ChunkCount, WordCountAggregate> = {
  name: "word-count",
  label: "Word count",
  summary: "Counts the words in pasted text, a chunk per subtask, then merges the totals and the top 10 words.",
  fields: [
    {
      name: "text",
      label: "Text",
      type: "textarea",
      required: true,
      placeholder: "Paste any text…",
      help: "Up to 1 MiB. Words are letters (with their accents and marks), digits and apostrophes, counted lowercased.",
    },
    {
      name: "chunkSize",
      label: "Words per subtask",
      type: "number",
      min: 1,
      max: MAX_CHUNK,
      placeholder: String(DEFAULT_CHUNK),
      help: `Optional, default ${DEFAULT_CHUNK}.`,
    },
  ],
  inputSchema: wordCountInput,
  checkSize({ text, chunkSize = DEFAULT_CHUNK }, { maxSubtasks }) {
    const tokens = text.match(TOKEN)?.length ?? 0;
    const chunks = Math.ceil(tokens / chunkSize);
    if (chunks <= maxSubtasks) return null;
    const n = (x: number) => x.toLocaleString("en-US");
    return {
      path: "chunkSize",
      message: `${n(tokens)} words in chunks of ${chunkSize} make ${n(chunks)} subtasks; the limit is ${n(maxSubtasks)}. Use bigger chunks.`,
    };
  },
  split({ text, chunkSize = DEFAULT_CHUNK }) {
    const tokens = text.match(TOKEN) ?? [];
    const chunks = [];
    for (let start = 0; start < tokens.length; start += chunkSize) {
      const chunk = tokens.slice(start, start + chunkSize);
      const preview = chunk.slice(0, PREVIEW_WORDS).join(" ");
      const more = chunk.length > PREVIEW_WORDS ? "…" : "";
      chunks.push({
        description: `words ${start + 1}–${start + chunk.length}: «${preview.slice(0, 80)}${more}»`,
        input: chunk.join(" "),
      });
    }
    return chunks;
  },
  aggregate(subtasks) {
    const merged = new Map<string, number>();
    let totalWords = 0;
    for (const subtask of subtasks) {
      if (subtask.status !== "succeeded" || !subtask.result) continue;
      totalWords += subtask.result.words;
      for (const [word, count] of Object.entries(subtask.result.counts))
        merged.set(word, (merged.get(word) ?? 0) + count);
    }
    const top = [...merged]
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, TOP)
      .map(([word, count]) => ({ word, count }));
    return { totalWords, distinctWords: merged.size, top };
  },
  describeAggregate: (a) =>
    `${a.totalWords} words, ${a.distinctWords} distinct; top: ${a.top
      .slice(0, 3)
      .map((t) => `${t.word} ${t.count}`)
      .join(", ")}`,
};
