import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { countWords, wordCount, wordsOf } from "@/lib/kinds/word-count";

function aggregateOf(...chunks: string[]) {
  return wordCount.aggregate(
    chunks.map((chunk) => ({ description: chunk, status: "succeeded" as const, result: countWords(chunk) })),
  );
}

describe("word count", () => {
  it("counts words named like Object's own properties as words", () => {
    assert.deepEqual(countWords("constructor toString constructor hasOwnProperty"), {
      words: 4,
      counts: { constructor: 2, tostring: 1, hasownproperty: 1 },
    });
    const aggregate = aggregateOf("constructor constructor", "constructor valueOf");
    assert.deepEqual(aggregate.top[0], { word: "constructor", count: 3 });
    assert.equal(aggregate.distinctWords, 2);
    // The result is journaled as JSON: it must come back the same.
    assert.deepEqual(JSON.parse(JSON.stringify(countWords("constructor"))), { words: 1, counts: { constructor: 1 } });
  });

  it("keeps combining marks inside a word: Devanagari and Turkish dotted capital I", () => {
    assert.deepEqual(wordsOf("हिन्दी भाषा"), ["हिन्दी", "भाषा"]);
    assert.equal(countWords("हिन्दी भाषा").words, 2);
    assert.deepEqual(wordsOf("İstanbul"), ["i̇stanbul"]);
    assert.deepEqual(wordsOf("café naïve résumé"), ["café", "naïve", "résumé"]);
  });

  it("still splits on punctuation and keeps apostrophes inside words", () => {
    assert.deepEqual(wordsOf("Don't stop — it's 2024, ok?"), ["don't", "stop", "it's", "2024", "ok"]);
  });
});
