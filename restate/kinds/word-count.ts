import { wordCount, wordsOf } from "@/lib/kinds/word-count";
import { executorFor } from "./executor";

export const wordCountExecutor = executorFor(wordCount, async (_ctx, chunk) => {
  const counts: Record<string, number> = {};
  const words = wordsOf(chunk);
  for (const word of words) counts[word] = (counts[word] ?? 0) + 1;
  return { words: words.length, counts };
});
