// `npm run register`: registers the services endpoint with Restate (idempotent).
import { adminUrl, readStackEnv, serviceUrl } from "./stack/env";
import { registerDeployment } from "./stack/register";

const env = readStackEnv();
registerDeployment(adminUrl(env), serviceUrl(env))
  .then(() => console.log(`Registered ${serviceUrl(env)} with ${adminUrl(env)}`))
  .catch((error) => {
    console.error((error as Error).message);
    process.exit(1);
  });
