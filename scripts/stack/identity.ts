import { generateKeyPairSync } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Request signing between Restate and the services: the Restate server signs
 * every request with an Ed25519 private key (its config's
 * `request-identity-private-key-pem-file`), and the services endpoint, given
 * the public key (RESTATE_IDENTITY_KEY, "publickeyv1_<base58>"), refuses
 * anything unsigned. This makes a services port reachable beyond loopback
 * callable by Restate alone.
 */
export interface IdentityKeys {
  privateKeyFile: string;
  publicKey: string;
}

const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

export function base58(bytes: Uint8Array): string {
  let n = BigInt(`0x${Buffer.from(bytes).toString("hex") || "0"}`);
  let out = "";
  while (n > 0n) {
    out = BASE58[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const byte of bytes) {
    if (byte !== 0) break;
    out = `1${out}`;
  }
  return out;
}

/** Restate's text form of an Ed25519 public key. */
export function restatePublicKey(rawPublicKey: Uint8Array): string {
  return `publickeyv1_${base58(rawPublicKey)}`;
}

/** Reads the key pair from `dir`, making one first if there is none. */
export function ensureIdentityKeys(dir: string): IdentityKeys {
  const privateKeyFile = path.join(dir, "private-key.pem");
  const publicKeyFile = path.join(dir, "public-key.txt");
  if (!existsSync(privateKeyFile) || !existsSync(publicKeyFile)) {
    mkdirSync(dir, { recursive: true });
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    const raw = Buffer.from(publicKey.export({ format: "jwk" }).x!, "base64url");
    writeFileSync(privateKeyFile, privateKey.export({ format: "pem", type: "pkcs8" }), { mode: 0o600 });
    writeFileSync(publicKeyFile, `${restatePublicKey(raw)}\n`);
  }
  return { privateKeyFile, publicKey: readFileSync(publicKeyFile, "utf8").trim() };
}
