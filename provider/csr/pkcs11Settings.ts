/**
 * The PKCS#11 token settings of a `CertificateRequest` (`pkcs11`), resolved like a vendor
 * connection: each field from the argument, else stack config `certplane:pkcs11<Field>`, else env
 * `CERTPLANE_PKCS11_<FIELD>` (the fields, their kinds, defaults and which is secret come from the
 * schema's `certplane:index:Pkcs11` type). The PIN is registered for redaction as it resolves.
 */
import {
  booleanField,
  requireField,
  resolveConnection,
  sourceOf,
  type ResolvedConnection,
} from "../core/connection";
import { connectionFieldSpecs } from "../core/connectionSchema";

/** The schema type of the `pkcs11` argument. */
export const PKCS11_TYPE = "certplane:index:Pkcs11";

/** Every setting resolved, with where the ones named in errors came from. */
export interface Pkcs11Settings {
  module: string;
  tokenLabel: string;
  /** The user PIN. Secret: never put in a message. */
  pin: string;
  keyLabel: string;
  existingKey: boolean;
  keepKeyOnDelete: boolean;
  /** "stack config certplane:pkcs11Module" and so on, for messages. */
  sources: Record<"module" | "tokenLabel" | "pin" | "keyLabel", string>;
}

/** The `pkcs11` argument's fields resolved from the argument, stack config and the environment. */
export function resolvePkcs11(args: Record<string, unknown> | undefined): ResolvedConnection {
  return resolveConnection("pkcs11", connectionFieldSpecs(PKCS11_TYPE), args, "pkcs11");
}

/**
 * The settings for a token operation: throws naming every place to set a required field that is
 * set nowhere.
 */
export function pkcs11Settings(args: Record<string, unknown> | undefined): Pkcs11Settings {
  const conn = resolvePkcs11(args);
  const required = (name: "module" | "tokenLabel" | "pin" | "keyLabel") =>
    requireField(conn, name, "pkcs11");
  return {
    module: required("module"),
    tokenLabel: required("tokenLabel"),
    pin: required("pin"),
    keyLabel: required("keyLabel"),
    existingKey: booleanField(conn, "existingKey"),
    keepKeyOnDelete: booleanField(conn, "keepKeyOnDelete"),
    sources: {
      module: sourceOf(conn, "module"),
      tokenLabel: sourceOf(conn, "tokenLabel"),
      pin: sourceOf(conn, "pin"),
      keyLabel: sourceOf(conn, "keyLabel"),
    },
  };
}
