import { countWords, wordCount } from "@/lib/kinds/word-count";
import { executorFor } from "./executor";

export const wordCountExecutor = executorFor(wordCount, async (_ctx, chunk) => countWords(chunk));
