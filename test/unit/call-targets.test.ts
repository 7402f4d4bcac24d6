import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { allowedTargets, parseAllowList, refuseTarget, type CallTarget } from "@/lib/call-targets";

const target = (service: string, handler: string, keyed = false): CallTarget => ({
  target: `${service}/${handler}`,
  service,
  handler,
  keyed,
});
const registered = [
  target("FanlineRun", "run", true),
  target("FanlineSubtask", "execute"),
  target("worker", "run"),
  target("Text", "stats"),
  target("Text", "slow"),
  target("Cart", "add", true),
];

describe("which handlers the call kind may invoke", () => {
  it("without FANLINE_CALL_TARGETS: every registered handler except Fanline's own", () => {
    assert.equal(parseAllowList(undefined), null);
    assert.equal(parseAllowList(" , "), null);
    assert.deepEqual(
      allowedTargets(registered, null).map((t) => t.target),
      ["Cart/add", "Text/slow", "Text/stats"],
    );
  });

  it("with a list: service/handler and service/* entries, still never Fanline's own", () => {
    const list = parseAllowList("Text/*, Cart/remove ,FanlineRun/*");
    assert.deepEqual(list, ["Text/*", "Cart/remove", "FanlineRun/*"]);
    assert.deepEqual(
      allowedTargets(registered, list).map((t) => t.target),
      ["Text/slow", "Text/stats"],
    );
  });

  it("refuses anything else with a message listing what is allowed", () => {
    const allowed = allowedTargets(registered, null);
    assert.equal(refuseTarget("Text/stats", allowed), null);
    assert.equal(
      refuseTarget("FanlineRun/run", allowed),
      "Target 'FanlineRun/run' is not allowed. Allowed targets: Cart/add, Text/slow, Text/stats.",
    );
    assert.match(refuseTarget("Text/stats", [])!, /Allowed targets: none/);
  });
});
