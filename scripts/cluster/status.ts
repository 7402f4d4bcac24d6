// `npm run cluster:status`: the cluster's members and partition leaders, from
// restatectl (talking to the nodes' node-to-node ports).
import { spawnSync } from "node:child_process";
import { nodeAddressOf, readClusterEnv } from "./env";
import { liveAddresses, restatectlBinary } from "./restatectl";

const env = readClusterEnv();
const all = env.nodes.map((n) => nodeAddressOf(env, n));
const live = await liveAddresses(all);
const down = all.filter((a) => !live.includes(a));
if (down.length > 0) console.log(`Not answering: ${down.join(", ")}\n`);
const addresses = (live.length > 0 ? live : all).join(",");
let failed = false;
for (const args of [["status"], ["partitions", "list"]]) {
  console.log(`$ restatectl ${args.join(" ")}`);
  const result = spawnSync(restatectlBinary(), args, {
    stdio: "inherit",
    env: { ...process.env, RESTATECTL_ADDRESS: addresses },
  });
  failed ||= result.status !== 0;
  console.log();
}
if (failed) {
  console.error(
    `restatectl could not reach the cluster at ${addresses}: is \`npm run cluster\` running with the same environment?`,
  );
  process.exit(1);
}
