import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ephemeralPortsStart, freePort, isPortFree } from "@/scripts/stack/ports";

describe("free ports for the parts a test or bench starts", () => {
  it("are free, never handed out twice, and lie below the ports the OS gives outgoing connections", async () => {
    const ports = await Promise.all(Array.from({ length: 40 }, () => freePort()));
    assert.equal(new Set(ports).size, ports.length, "no port handed out twice");
    const start = ephemeralPortsStart();
    for (const port of ports) {
      assert.ok(port < start, `${port} is below ${start}, where a connection's own port could take it`);
      assert.ok(await isPortFree(port), `${port} is free`);
    }
  });
});
