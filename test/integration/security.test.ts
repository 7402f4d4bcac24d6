import { SUBTASK_SERVICE } from "@/lib/names";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import http2 from "node:http2";
import { describe, it } from "node:test";
import { runInput, useTestStack } from "../support/test-stack";

/** POSTs to the services endpoint directly, as anyone on the network could, without Restate's signature. */
function unsignedCall(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const client = http2.connect(`http://127.0.0.1:${port}`);
    client.on("error", reject);
    const request = client.request({
      ":method": "POST",
      ":path": `/invoke/${SUBTASK_SERVICE}/execute`,
      "content-type": "application/json",
    });
    request.on("response", (headers) => {
      resolve(Number(headers[":status"]));
      client.close();
    });
    request.on("error", reject);
    request.end(JSON.stringify({}));
  });
}

/**
 * The local addresses the kernel has sockets listening on at `port`, from
 * /proc/net/tcp and tcp6 (state 0A is LISTEN): what the servers really bound,
 * whatever they were told.
 */
function listeningAddresses(port: number): string[] {
  const found: string[] = [];
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const line of text.trim().split("\n").slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      const [address, hexPort] = local.split(":");
      if (state !== "0A" || parseInt(hexPort, 16) !== port) continue;
      found.push(
        address.length === 8
          ? address
              .match(/../g)!
              .reverse()
              .map((b) => parseInt(b, 16))
              .join(".")
          : address,
      );
    }
  }
  return found;
}

describe("request signing between Restate and the services", () => {
  const stack = useTestStack({ signRequests: true });

  it("serves Restate's signed requests and refuses unsigned ones", async () => {
    await stack()
      .run("signed")
      .workflowSubmit(runInput({ kind: "noop", description: "a,b,c" }));
    assert.deepEqual(await stack().run("signed").workflowAttach(), { succeeded: 3, failed: 0 });
    assert.equal(await unsignedCall(stack().env.servicePort), 401);
  });

  it("binds every server to loopback", async () => {
    const { ingressPort, adminPort, nodePort, servicePort } = stack().env;
    for (const [name, port] of Object.entries({ ingressPort, adminPort, nodePort, servicePort })) {
      const addresses = listeningAddresses(port);
      assert.ok(addresses.length > 0, `something listens on the ${name} (${port})`);
      assert.deepEqual([...new Set(addresses)], ["127.0.0.1"], `the ${name} (${port}) listens only on loopback`);
    }
    const listening = await stack().sql<{ n: number }>(
      "SELECT COUNT(*) AS n FROM sys_deployment WHERE endpoint LIKE 'http://127.0.0.1:%'",
    );
    assert.equal(Number(listening[0].n), 1, "the services are registered on loopback");
  });
});

describe("without request signing (the loopback development default)", () => {
  const stack = useTestStack();

  it("the same unsigned call reaches the services, which is why signing matters beyond loopback", async () => {
    assert.notEqual(await unsignedCall(stack().env.servicePort), 401);
  });
});
