// The AppViewX simulator's state: the mTLS client CA and its switches, SSH CAs, issued SSH
// certificates, the API user and sessions for revocation.
import { randomInt, randomUUID } from "node:crypto";
import type { CertificateAuthority } from "../core/certificateAuthority";
import { randomSecret } from "../core/ids";
import type { SshCa } from "./sshCa";

/** An enrolled SSH certificate. */
export interface SshCertificateRecord {
  serialNumber: string;
  caName: string;
  /** `SHA256:…` of the certified public key (one valid certificate per key: ERR-SSH_NB-268). */
  keyFingerprint: string;
  keyId: string;
  principals: string[];
  certType: "User" | "Host";
  validFromMs: number;
  validToMs: number;
  status: "Active" | "Revoked";
  certContent: string;
  revokedReason?: string;
  groupName?: string;
}

/** Everything the AppViewX simulator holds. */
export class AppViewXState {
  mtlsEnabled = true;
  issuersConfigured = true;
  certificates: SshCertificateRecord[] = [];
  username = "certplane-api";
  password = randomSecret(18);
  sessions = new Set<string>();
  private serial = BigInt(randomInt(1_000_000, 9_000_000)) * 1_000_000_000n;

  constructor(
    public clientCa: CertificateAuthority,
    public cas: SshCa[],
  ) {}

  /** The next certificate serial (decimal, like the seed's sample). */
  nextSerial(): bigint {
    this.serial += BigInt(randomInt(1, 1000));
    return this.serial;
  }

  /** A new session id for the API user. */
  newSession(): string {
    const id = randomUUID();
    this.sessions.add(id);
    return id;
  }
}
