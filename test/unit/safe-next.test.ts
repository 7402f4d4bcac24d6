import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { safeNextPath } from "@/lib/safe-next";

describe("where sign-in may send the browser", () => {
  it("follows paths on this site, with their query and fragment", () => {
    assert.equal(safeNextPath("/"), "/");
    assert.equal(safeNextPath("/runs/abc?status=failed#x"), "/runs/abc?status=failed#x");
    assert.equal(safeNextPath("/%2F%2Fevil.example"), "/%2F%2Fevil.example");
  });

  it("sends anything that a browser would read as another host to /", () => {
    for (const next of [
      "/\\evil.example/",
      "/\t/evil.example",
      "//evil.example",
      "/\\/evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "evil.example",
      "/.//evil.example",
      "",
      undefined,
      ["/"],
    ]) {
      assert.equal(safeNextPath(next), "/", JSON.stringify(next));
    }
  });
});
