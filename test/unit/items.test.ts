import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { detectFormat, parseItems } from "@/lib/items";
import { call } from "@/lib/kinds/call";

describe("items from CSV, JSON Lines and JSON", () => {
  it("CSV: a header row, each row an object; cells stay strings unless numbers are asked for", () => {
    const csv = 'id,amount,note\n1,2.5,"a, quoted\nnote"\n2,-3,plain\n';
    assert.deepEqual(parseItems(csv, "csv"), {
      ok: true,
      items: [
        { id: "1", amount: "2.5", note: "a, quoted\nnote" },
        { id: "2", amount: "-3", note: "plain" },
      ],
    });
    assert.deepEqual(parseItems(csv, "csv", { parseNumbers: true }), {
      ok: true,
      items: [
        { id: 1, amount: 2.5, note: "a, quoted\nnote" },
        { id: 2, amount: -3, note: "plain" },
      ],
    });
    assert.deepEqual(
      parseItems("word\nhello\n", "csv"),
      { ok: true, items: [{ word: "hello" }] },
      "one column is fine",
    );
  });

  it("CSV: a row with the wrong number of cells is an error on its line", () => {
    const parsed = parseItems("id,text\n1,a\n2,b,extra\n3,c\n", "csv");
    assert.equal(parsed.ok, false);
    assert.equal(!parsed.ok && parsed.errors[0].line, 3);
    assert.match(!parsed.ok ? parsed.errors[0].message : "", /Too many fields/);
    assert.deepEqual(parseItems("id\n", "csv"), {
      ok: false,
      errors: [{ line: 2, message: "The CSV has a header row but no rows of items." }],
    });
  });

  it("JSON Lines: one value a line, blank lines skipped, a bad line named", () => {
    assert.deepEqual(parseItems('{"a":1}\n\n"two"\n3\n', "jsonl"), { ok: true, items: [{ a: 1 }, "two", 3] });
    const bad = parseItems('{"a":1}\n{"a": oops}\n', "jsonl");
    assert.equal(!bad.ok && bad.errors[0].line, 2);
  });

  it("JSON: an array of anything; not an array, or not JSON, says where", () => {
    assert.deepEqual(parseItems('[1, {"a": 2}, "x"]', "json"), { ok: true, items: [1, { a: 2 }, "x"] });
    assert.equal(parseItems('{"a": 1}', "json").ok, false);
    const bad = parseItems("[\n1,\n2,,\n3]", "json");
    assert.equal(!bad.ok && bad.errors[0].line, 3);
  });

  it("detects the format from the file name, else from the text", () => {
    assert.equal(detectFormat("a,b", "items.csv"), "csv");
    assert.equal(detectFormat("{}", "items.ndjson"), "jsonl");
    assert.equal(detectFormat("  [1,2]"), "json");
    assert.equal(detectFormat('{"a":1}\n{"a":2}'), "jsonl");
    assert.equal(detectFormat("id,text\n1,a"), "csv");
  });
});

describe("the call kind's input", () => {
  const check = (input: unknown) => {
    const parsed = call.inputSchema.safeParse(input);
    return parsed.success ? null : parsed.error.issues[0].message;
  };

  it("takes a target, items and an optional key field present in every item", () => {
    assert.equal(check({ target: "Text/stats", items: [{ id: "1" }] }), null);
    assert.equal(check({ target: "Cart/add", key: "id", items: [{ id: "a" }, { id: 7 }] }), null);
    assert.equal(
      check({ target: "Cart/add", key: "id", items: [{ id: "a" }, { name: "b" }] }),
      'Item 2 has no "id" field to use as the object key (it must be a non-empty string or a number).',
    );
    assert.equal(check({ target: "no-slash", items: [1] }), 'Target must look like "service/handler".');
    assert.equal(check({ target: "Text/stats", items: [] }), "No items: give at least one.");
  });

  it("refuses an item over 64 KiB", () => {
    assert.equal(
      check({ target: "Text/stats", items: ["ok", "é".repeat(33 * 1024)] }),
      "Item 2 is larger than 64 KiB as JSON; the limit is 64 KiB an item.",
    );
    assert.equal(
      check({ target: "Text/stats", items: ["x".repeat(64 * 1024 - 2)] }),
      null,
      "exactly 64 KiB with its quotes",
    );
  });

  it("labels each lane with its key and a preview, and gives every call the target and key", () => {
    const input = { target: "Cart/add", key: "id", items: [{ id: "a", amount: 1 }] };
    assert.deepEqual(call.split(input), [
      { description: 'id=a: {"id":"a","amount":1}', input: { id: "a", amount: 1 } },
    ]);
    assert.deepEqual(call.context!(input), { target: "Cart/add", key: "id" });
  });
});
