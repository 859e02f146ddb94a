// Zitadel's users and personal access tokens as the simulator keeps them. PAT secrets are stored
// only as SHA-256 hashes: Zitadel shows a PAT once, and so does the simulator.
import { randomInt } from "node:crypto";
import type { SimulatorClock } from "../core/clock";
import { randomSecret, sha256Hex } from "../core/ids";

/** A Zitadel user: a machine user (service account) may own PATs, a human may not. */
export interface ZitadelUser {
  id: string;
  userName: string;
  kind: "machine" | "human";
  createdAt: string;
}

/** A personal access token (without its secret). */
export interface PersonalAccessToken {
  id: string;
  userId: string;
  /** SHA-256 of the secret, to authenticate requests that present it. */
  secretSha256: string;
  expirationDate: string;
  createdAt: string;
  sequence: number;
}

/** Zitadel ids are 18-digit decimal strings. */
function zitadelId(): string {
  return `${randomInt(100_000_000, 999_999_999)}${randomInt(100_000_000, 999_999_999)}`;
}

/** The users, PATs and API tokens of one simulated Zitadel instance. */
export class ZitadelDirectory {
  orgId = zitadelId();
  /** The seeded API token (a Bearer for the machine user `certplane-automation`). */
  apiToken = randomSecret();
  users: ZitadelUser[] = [];
  pats: PersonalAccessToken[] = [];
  sequence = 1;

  constructor(private readonly clock: SimulatorClock) {
    this.seedUsers();
  }

  /** Seeds one machine user (the API token's owner) and one human user. */
  seedUsers(): void {
    const createdAt = this.clock.now().toISOString();
    this.users = [
      { id: zitadelId(), userName: "certplane-automation", kind: "machine", createdAt },
      { id: zitadelId(), userName: "alice@example.com", kind: "human", createdAt },
    ];
    this.pats = [];
  }

  /** The machine user that owns the API token. */
  get automationUser(): ZitadelUser {
    return this.users[0];
  }

  /** The user a Bearer token belongs to: the API token, or an unexpired PAT's owner. */
  authenticate(token: string | undefined): ZitadelUser | undefined {
    if (!token) return undefined;
    if (token === this.apiToken) return this.automationUser;
    const hash = sha256Hex(token);
    const pat = this.pats.find((candidate) => candidate.secretSha256 === hash);
    if (!pat || new Date(pat.expirationDate).getTime() <= this.clock.now().getTime()) {
      return undefined;
    }
    return this.users.find((user) => user.id === pat.userId);
  }

  /** Creates a PAT for `user`; returns it with its secret (the only time the secret exists). */
  createPat(
    user: ZitadelUser,
    expirationDate: string,
  ): { pat: PersonalAccessToken; secret: string } {
    const secret = randomSecret();
    const pat: PersonalAccessToken = {
      id: zitadelId(),
      userId: user.id,
      secretSha256: sha256Hex(secret),
      expirationDate,
      createdAt: this.clock.now().toISOString(),
      sequence: this.sequence++,
    };
    this.pats.push(pat);
    return { pat, secret };
  }

  /** Removes a PAT; false when it did not exist. */
  deletePat(userId: string, tokenId: string): boolean {
    const before = this.pats.length;
    this.pats = this.pats.filter((pat) => !(pat.userId === userId && pat.id === tokenId));
    if (this.pats.length !== before) this.sequence++;
    return this.pats.length !== before;
  }
}
