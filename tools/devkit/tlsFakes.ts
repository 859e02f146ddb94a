/**
 * The lifecycle runner's stand-in for `@pulumi/tls`'s PrivateKey, which the runner cannot run (it is
 * a plugin of the Pulumi CLI, not a dynamic provider). It makes a real key with node:crypto and
 * returns the outputs the real resource has, so programs that feed `publicKeyOpenssh` into
 * `appviewx.SshCertificate` run unchanged. With the real CLI the real provider is used instead.
 */
import * as crypto from "node:crypto";
import sshpk from "sshpk";

interface PrivateKeyInputs {
  algorithm: "RSA" | "ECDSA" | "ED25519";
  rsaBits?: number;
  ecdsaCurve?: "P224" | "P256" | "P384" | "P521";
}

const CURVES: Record<string, string> = {
  P224: "P-224",
  P256: "P-256",
  P384: "P-384",
  P521: "P-521",
};

function generate(inputs: PrivateKeyInputs): crypto.KeyObject {
  if (inputs.algorithm === "ED25519") return crypto.generateKeyPairSync("ed25519").privateKey;
  if (inputs.algorithm === "ECDSA") {
    return crypto.generateKeyPairSync("ec", { namedCurve: CURVES[inputs.ecdsaCurve ?? "P224"] })
      .privateKey;
  }
  return crypto.generateKeyPairSync("rsa", { modulusLength: inputs.rsaBits ?? 2048 }).privateKey;
}

export default {
  "tls:index/privateKey:PrivateKey": (inputs: PrivateKeyInputs, name: string) => {
    const key = generate(inputs);
    const privateKeyPem = key.export({ type: "pkcs8", format: "pem" }).toString();
    const publicKeyPem = crypto
      .createPublicKey(key)
      .export({ type: "spki", format: "pem" })
      .toString();
    const ssh = sshpk.parsePrivateKey(privateKeyPem, "pem");
    return {
      id: `${name}-${ssh.fingerprint("sha256").toString().slice(7, 19)}`,
      state: {
        ...inputs,
        privateKeyPem,
        privateKeyOpenssh: ssh.toString("openssh"),
        publicKeyPem,
        publicKeyOpenssh: `${ssh.toPublic().toString("ssh")}\n`,
        publicKeyFingerprintSha256: ssh.fingerprint("sha256").toString(),
        publicKeyFingerprintMd5: ssh.fingerprint("md5").toString("hex"),
      },
    };
  },
};
