/**
 * Every input each resource's `check` rejects, at least one row per validation rule (grep the
 * resource's *Inputs.ts and core/validation.ts for `fail(` and the InputChecker helpers it uses).
 *
 * To add a rule: add a row under its resource with the args that break it (over the resource's
 * valid `base`), the property the failure must name, and — when the reason does not show the value
 * as JSON — the text that shows what was seen.
 */
import { materials } from "./materials";

/** One rejected input. */
export interface RejectedInput {
  /** What is wrong, as the test title says it. */
  title: string;
  /** Args laid over the resource's valid base. */
  args?: Record<string, unknown>;
  /** Base args left out (a missing required input). */
  omit?: string[];
  /** The property the failure names, e.g. `principals[0]` or `subject.country`. */
  property: string;
  /**
   * Text the reason shows for the value seen.
   * @default - the JSON of the rejected value in `args` (as core/validation.ts's `show` writes it)
   */
  shows?: string;
  /** Text that must appear nowhere in the error (a secret or a key the user passed). */
  hides?: string;
}

/** A resource type (as the fixture program names it), its valid args, and what its check rejects. */
export interface ResourceRules {
  type: string;
  /** Args that pass check, so each row fails for its own reason only. */
  base: Record<string, unknown>;
  rejects: RejectedInput[];
}

const m = materials();
const FRONTDOOR_ID = "3d6d2b6e-6c7a-4a7f-8c3d-9a9d2e1f0b1c";
const GOT_NOTHING = "got nothing";
/** A line of base64 from inside a PEM body: if it shows in an error, the PEM leaked. */
const bodyOf = (pem: string) => pem.split("\n")[1];

/** 50 valid entries, together over the SBC's 1024 characters. */
const LONG_ALTERNATE_NAMES = Array.from({ length: 50 }, (_, i) => `DNS:host-${i}.example.com`);

/** Shared by every resource with a connection (core/validation.ts's `connection`). */
const CONNECTION_AS_TEXT: RejectedInput = {
  title: "a connection that is text (it may be a token: shown by kind only)",
  args: { connection: "s3cr3t-token-as-connection" },
  property: "connection",
  shows: "got text.",
  hides: "s3cr3t-token-as-connection",
};

/** The instant the provider clock reads during the spec (CERTPLANE_NOW). */
export const NOW = "2030-06-01T00:00:00Z";

export const RULES: ResourceRules[] = [
  {
    type: "CertificateRequest",
    base: { subject: { commonName: "nso-user" } },
    rejects: [
      { title: "an unknown algorithm", args: { algorithm: "DSA" }, property: "algorithm" },
      { title: "rsaBits 1000", args: { rsaBits: 1000 }, property: "rsaBits" },
      { title: "rsaBits that is not a number", args: { rsaBits: "big" }, property: "rsaBits" },
      {
        title: "an unknown ecdsaCurve",
        args: { algorithm: "ECDSA", ecdsaCurve: "P999" },
        property: "ecdsaCurve",
      },
      {
        title: "rsaBits with algorithm ECDSA",
        args: { algorithm: "ECDSA", rsaBits: 2048 },
        property: "rsaBits",
        shows: 'got rsaBits 2048 with algorithm "ECDSA"',
      },
      {
        title: "ecdsaCurve with algorithm RSA",
        args: { algorithm: "RSA", ecdsaCurve: "P256" },
        property: "ecdsaCurve",
      },
      {
        title: "a bring-your-own key with algorithm parameters",
        args: { privateKeyPem: m.keyPem, algorithm: "ECDSA" },
        property: "privateKeyPem",
        shows: "cannot be combined with algorithm",
        hides: bodyOf(m.keyPem),
      },
      {
        title: "a privateKeyPem that is not a PEM key",
        args: { privateKeyPem: "my-secret-not-a-key" },
        property: "privateKeyPem",
        shows: "is not a PEM private key",
        hides: "my-secret-not-a-key",
      },
      {
        title: "an encrypted privateKeyPem",
        args: { privateKeyPem: m.encryptedKeyPem },
        property: "privateKeyPem",
        shows: "is an encrypted private key",
        hides: bodyOf(m.encryptedKeyPem),
      },
      {
        title: "a damaged privateKeyPem",
        args: { privateKeyPem: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n" },
        property: "privateKeyPem",
        shows: "could not be parsed as a private key",
      },
      {
        title: "a privateKeyPem on an unsupported curve",
        args: { privateKeyPem: m.secp256k1KeyPem },
        property: "privateKeyPem",
        shows: "uses the curve secp256k1",
        hides: bodyOf(m.secp256k1KeyPem),
      },
      {
        title: "a privateKeyPem of an unsupported kind",
        args: { privateKeyPem: m.x25519KeyPem },
        property: "privateKeyPem",
        shows: "is a x25519 key",
        hides: bodyOf(m.x25519KeyPem),
      },
      {
        title: "a 1024-bit RSA privateKeyPem",
        args: { privateKeyPem: m.rsa1024KeyPem },
        property: "privateKeyPem",
        shows: "is a 1024-bit RSA key",
        hides: bodyOf(m.rsa1024KeyPem),
      },
      {
        title: "a privateKeyPem that is not text",
        args: { privateKeyPem: 123456 },
        property: "privateKeyPem",
        shows: "got a value (hidden: it is secret)",
        hides: "123456",
      },
      { title: "rotateAfterHours 0", args: { rotateAfterHours: 0 }, property: "rotateAfterHours" },
      {
        title: "rotateAfterHours that is not a whole number",
        args: { rotateAfterHours: 1.5 },
        property: "rotateAfterHours",
      },
      {
        title: "rotateAfterHours over ten years",
        args: { rotateAfterHours: 87_601 },
        property: "rotateAfterHours",
      },
      {
        title: "rotateAfterHours with a bring-your-own key",
        args: { privateKeyPem: m.keyPem, rotateAfterHours: 720 },
        property: "rotateAfterHours",
        shows: "got rotateAfterHours 720: certplane cannot make a new key for a key you bring",
        hides: bodyOf(m.keyPem),
      },
      { title: "a subject that is text", args: { subject: "CN=x" }, property: "subject" },
      {
        title: "an unknown subject field",
        args: { subject: { commonName: "x", title: "boss" } },
        property: "subject.title",
        shows: "subject.title is not a subject field",
      },
      {
        title: "a subject.commonName of 65 characters",
        args: { subject: { commonName: "c".repeat(65) } },
        property: "subject.commonName",
      },
      {
        title: "a subject.commonName that is a number",
        args: { subject: { commonName: 42 } },
        property: "subject.commonName",
      },
      {
        title: "a three-letter subject.country",
        args: { subject: { commonName: "x", country: "USA" } },
        property: "subject.country",
      },
      {
        title: "an empty subject.streetAddresses entry",
        args: { subject: { commonName: "x", streetAddresses: [""] } },
        property: "subject.streetAddresses[0]",
      },
      {
        title: "a subject.emailAddress without @",
        args: { subject: { commonName: "x", emailAddress: "ops" } },
        property: "subject.emailAddress",
      },
      { title: "a bad DNS name", args: { dnsNames: ["bad_name!"] }, property: "dnsNames[0]" },
      {
        title: "dnsNames that is not a list",
        args: { dnsNames: "a.example.com" },
        property: "dnsNames",
      },
      {
        title: "a bad IP address",
        args: { ipAddresses: ["10.0.0.300"] },
        property: "ipAddresses[0]",
      },
      { title: "a relative URI", args: { uris: ["not a uri"] }, property: "uris[0]" },
      {
        title: "a bad e-mail SAN",
        args: { emailAddresses: ["ops"] },
        property: "emailAddresses[0]",
      },
      {
        title: "nothing that names the subject",
        args: { subject: {} },
        property: "subject",
        shows: "subject is empty and no subject alternative name is given",
      },
    ],
  },
  {
    type: "pca.SignedCertificate",
    base: { certRequestPem: m.csrPem, requestedUsername: "nso-user" },
    rejects: [
      {
        title: "no certRequestPem",
        omit: ["certRequestPem"],
        property: "certRequestPem",
        shows: GOT_NOTHING,
      },
      {
        title: "a certRequestPem that is not a CSR",
        args: { certRequestPem: "just text" },
        property: "certRequestPem",
        shows: "got text without a PEM block",
      },
      {
        title: "a private key given as certRequestPem",
        args: { certRequestPem: m.keyPem },
        property: "certRequestPem",
        shows: 'got a PEM block labelled "PRIVATE KEY"',
        hides: bodyOf(m.keyPem),
      },
      {
        title: "a CSR whose signature does not verify",
        args: { certRequestPem: m.tamperedCsrPem },
        property: "certRequestPem",
        shows: "signature does not verify",
      },
      {
        title: "no requestedUsername",
        omit: ["requestedUsername"],
        property: "requestedUsername",
        shows: GOT_NOTHING,
      },
      {
        title: 'requestedUsername ""',
        args: { requestedUsername: "" },
        property: "requestedUsername",
      },
      {
        title: 'requestedUsername "a b"',
        args: { requestedUsername: "a b" },
        property: "requestedUsername",
      },
      {
        title: 'requestedUsername "nso user&x=1"',
        args: { requestedUsername: "nso user&x=1" },
        property: "requestedUsername",
      },
      {
        title: "a requestedUsername of 65 characters",
        args: { requestedUsername: "u".repeat(65) },
        property: "requestedUsername",
      },
      {
        title: "a bad role name",
        args: { assignedRoles: ["tenant admin"] },
        property: "assignedRoles[0]",
      },
      {
        title: "assignedRoles that is not a list",
        args: { assignedRoles: "admin" },
        property: "assignedRoles",
      },
      {
        title: "certDurationHours -5",
        args: { certDurationHours: -5 },
        property: "certDurationHours",
      },
      {
        title: "certDurationHours over ten years",
        args: { certDurationHours: 87_601 },
        property: "certDurationHours",
      },
      {
        title: "a fractional certDurationHours",
        args: { certDurationHours: 1.5 },
        property: "certDurationHours",
      },
      {
        title: "earlyRenewalHours -1",
        args: { earlyRenewalHours: -1 },
        property: "earlyRenewalHours",
      },
      {
        title: "earlyRenewalHours not shorter than certDurationHours",
        args: { certDurationHours: 48, earlyRenewalHours: 48 },
        property: "earlyRenewalHours",
        shows: "smaller than certDurationHours (48); got 48",
      },
      {
        title: "a privateKeyPem that is not a PEM key",
        args: { privateKeyPem: "my-secret-not-a-key" },
        property: "privateKeyPem",
        shows: "must be a PEM private key",
        hides: "my-secret-not-a-key",
      },
      {
        title: "a privateKeyPem that is not the CSR's key",
        args: { privateKeyPem: m.otherKeyPem },
        property: "privateKeyPem",
        shows: "is not the key of certRequestPem",
        hides: bodyOf(m.otherKeyPem),
      },
      CONNECTION_AS_TEXT,
    ],
  },
  {
    type: "pca.PersonalAccessToken",
    base: { expirationDate: "2099-12-31T23:59:59Z" },
    rejects: [
      {
        title: "neither expirationDate nor lifetimeHours",
        omit: ["expirationDate"],
        property: "expirationDate",
        shows: "Give exactly one of lifetimeHours",
      },
      {
        title: "expirationDate and lifetimeHours together",
        args: { lifetimeHours: 720 },
        property: "lifetimeHours",
        shows:
          'expirationDate and lifetimeHours are exclusive; got expirationDate "2099-12-31T23:59:59Z" and lifetimeHours 720.',
      },
      {
        title: "an expirationDate inside its renewal window (a renewal would repeat the date)",
        args: { expirationDate: "2030-06-20T00:00:00Z", earlyRenewalHours: 720 },
        property: "expirationDate",
        shows:
          'expirationDate "2030-06-20T00:00:00Z" is already inside its renewal window: earlyRenewalHours 720 opens it at 2030-05-21T00:00:00Z and now is 2030-06-01T00:00:00Z, so every up would replace the PAT with another of the same date. Use lifetimeHours (hours from creation: each renewal gets a later date), or give a later expirationDate, or an earlyRenewalHours of at most 455.',
      },
      {
        title: "lifetimeHours 0",
        args: { lifetimeHours: 0 },
        omit: ["expirationDate"],
        property: "lifetimeHours",
        shows: "lifetimeHours must be a whole number from 1 to 876000; got 0.",
      },
      {
        title: "earlyRenewalHours not smaller than lifetimeHours",
        args: { lifetimeHours: 24, earlyRenewalHours: 24 },
        omit: ["expirationDate"],
        property: "earlyRenewalHours",
        shows: "earlyRenewalHours must be smaller than lifetimeHours 24; got 24:",
      },
      {
        title: 'expirationDate "next tuesday"',
        args: { expirationDate: "next tuesday" },
        property: "expirationDate",
      },
      {
        title: "an expirationDate in the past (by the provider clock)",
        args: { expirationDate: "2030-01-01T00:00:00Z" },
        property: "expirationDate",
        shows: `in the future (now is 2030-06-01T00:00:00Z); got "2030-01-01T00:00:00Z"`,
      },
      {
        title: "an expirationDate equal to now",
        args: { expirationDate: "2030-06-01T02:00:00+02:00" },
        property: "expirationDate",
      },
      {
        title: "an expirationDate that is a number",
        args: { expirationDate: 20300101 },
        property: "expirationDate",
      },
      { title: 'userId "a b"', args: { userId: "a b" }, property: "userId" },
      {
        title: 'organizationId "org/1"',
        args: { organizationId: "org/1" },
        property: "organizationId",
      },
      CONNECTION_AS_TEXT,
      {
        title: "earlyRenewalHours -1",
        args: { earlyRenewalHours: -1 },
        property: "earlyRenewalHours",
      },
    ],
  },
  {
    type: "appviewx.SshCertificate",
    base: {
      publicKey: m.sshPublicKey,
      certType: "User",
      principals: ["ops"],
      validityValue: 1,
      validityUnit: "days",
      certificateIdentity: "ops-key",
      caName: "ssh-ca",
    },
    rejects: [
      { title: "no publicKey", omit: ["publicKey"], property: "publicKey", shows: GOT_NOTHING },
      {
        title: 'publicKey "ssh-rsa AAAA nope"',
        args: { publicKey: "ssh-rsa AAAA nope" },
        property: "publicKey",
      },
      { title: 'certType "Robot"', args: { certType: "Robot" }, property: "certType" },
      { title: "no certType", omit: ["certType"], property: "certType", shows: GOT_NOTHING },
      { title: "no principals", omit: ["principals"], property: "principals", shows: GOT_NOTHING },
      { title: "principals []", args: { principals: [] }, property: "principals" },
      { title: 'a principal "a b"', args: { principals: ["a b"] }, property: "principals[0]" },
      {
        title: 'a principal "a,b"',
        args: { principals: ["ops", "a,b"] },
        property: "principals[1]",
      },
      { title: "an empty principal", args: { principals: [""] }, property: "principals[0]" },
      { title: "principals that is text", args: { principals: "ops" }, property: "principals" },
      { title: "validityValue 0", args: { validityValue: 0 }, property: "validityValue" },
      {
        title: "no validityValue",
        omit: ["validityValue"],
        property: "validityValue",
        shows: "validityValue is required",
      },
      { title: 'validityValue "ten"', args: { validityValue: "ten" }, property: "validityValue" },
      {
        title: 'validityUnit "fortnights"',
        args: { validityUnit: "fortnights" },
        property: "validityUnit",
      },
      {
        title: "no validityUnit",
        omit: ["validityUnit"],
        property: "validityUnit",
        shows: GOT_NOTHING,
      },
      {
        title: "no certificateIdentity",
        omit: ["certificateIdentity"],
        property: "certificateIdentity",
        shows: GOT_NOTHING,
      },
      {
        title: "a certificateIdentity of 256 characters",
        args: { certificateIdentity: "i".repeat(256) },
        property: "certificateIdentity",
      },
      { title: "no caName", omit: ["caName"], property: "caName", shows: GOT_NOTHING },
      {
        title: "a caName of 256 characters",
        args: { caName: "c".repeat(256) },
        property: "caName",
      },
      {
        title: "earlyRenewalHours not shorter than the validity",
        args: { earlyRenewalHours: 24 },
        property: "earlyRenewalHours",
        shows: "smaller than the validity (24 hours); got 24",
      },
      {
        title: "earlyRenewalHours -1",
        args: { earlyRenewalHours: -1 },
        property: "earlyRenewalHours",
      },
      {
        title: "revocation without groupName",
        args: { revocation: { reason: "superseded" } },
        property: "revocation.groupName",
        shows: GOT_NOTHING,
      },
      {
        title: "a revocation.reason of 256 characters",
        args: { revocation: { groupName: "ops", reason: "r".repeat(256) } },
        property: "revocation.reason",
      },
      CONNECTION_AS_TEXT,
    ],
  },
  {
    type: "netfoundry.ClientCertificate",
    base: { name: "ops-client", frontdoorId: FRONTDOOR_ID, certRequestPem: m.csrPem },
    rejects: [
      { title: 'name ""', args: { name: "" }, property: "name" },
      { title: "no name", omit: ["name"], property: "name", shows: GOT_NOTHING },
      { title: "a name of 256 characters", args: { name: "n".repeat(256) }, property: "name" },
      { title: "a name that is a number", args: { name: 7 }, property: "name" },
      { title: 'frontdoorId "fd-1"', args: { frontdoorId: "fd-1" }, property: "frontdoorId" },
      {
        title: "no frontdoorId anywhere (arg, config, env)",
        omit: ["frontdoorId"],
        property: "frontdoorId",
        shows: "frontdoorId is not set",
      },
      {
        title: "certificatePem and certRequestPem together",
        args: { certificatePem: m.certificatePem },
        property: "certificatePem",
        shows: "are exclusive",
      },
      {
        title: "neither certificatePem nor certRequestPem",
        omit: ["certRequestPem"],
        property: "certificatePem",
        shows: "neither was set",
      },
      {
        title: "a certificatePem that is a CSR",
        args: { certificatePem: m.csrPem },
        omit: ["certRequestPem"],
        property: "certificatePem",
        shows: 'got a PEM block labelled "CERTIFICATE REQUEST"',
      },
      {
        title: "an expired certificatePem upload (by the provider clock)",
        args: { certificatePem: m.expiredCertificatePem },
        omit: ["certRequestPem"],
        property: "certificatePem",
        shows:
          "certificatePem (CN=sip-tls) has expired: its notAfter is 2030-01-01T00:00:00Z and now is 2030-06-01T00:00:00Z (the provider clock). Nothing expired is uploaded to the Frontdoor:",
      },
      {
        title: "a certificatePem upload not yet valid (by the provider clock)",
        args: { certificatePem: m.notYetValidCertificatePem },
        omit: ["certRequestPem"],
        property: "certificatePem",
        shows:
          "certificatePem (CN=sip-tls) is not yet valid: its notBefore is 2031-01-01T00:00:00Z and now is 2030-06-01T00:00:00Z (the provider clock). Nothing not yet valid is uploaded to the Frontdoor",
      },
      {
        title: "a certRequestPem that is not PEM",
        args: { certRequestPem: "just text" },
        property: "certRequestPem",
        shows: "got text without a PEM block",
      },
      {
        title: "earlyRenewalHours not shorter than NetFoundry's 365 days",
        args: { earlyRenewalHours: 8760 },
        property: "earlyRenewalHours",
      },
      {
        title: "earlyRenewalHours -1",
        args: { earlyRenewalHours: -1 },
        property: "earlyRenewalHours",
      },
      {
        title: 'adoptExisting "maybe"',
        args: { adoptExisting: "maybe" },
        property: "adoptExisting",
      },
      CONNECTION_AS_TEXT,
    ],
  },
  {
    type: "oraclesbc.CertificateRecord",
    base: { name: "sip-tls" },
    rejects: [
      { title: "no name", omit: ["name"], property: "name", shows: GOT_NOTHING },
      { title: 'name "bad name!"', args: { name: "bad name!" }, property: "name" },
      { title: 'commonName ""', args: { commonName: "" }, property: "commonName" },
      {
        title: "a commonName of 65 characters",
        args: { commonName: "c".repeat(65) },
        property: "commonName",
      },
      { title: "a state of 129 characters", args: { state: "s".repeat(129) }, property: "state" },
      {
        title: "a locality of 129 characters",
        args: { locality: "l".repeat(129) },
        property: "locality",
      },
      {
        title: "an organization of 65 characters",
        args: { organization: "o".repeat(65) },
        property: "organization",
      },
      { title: "a unit of 65 characters", args: { unit: "u".repeat(65) }, property: "unit" },
      { title: 'country "USA"', args: { country: "USA" }, property: "country" },
      {
        title: "an alternateNames entry without a DNS:/IP:/email: prefix",
        args: { alternateNames: ["host.example.com"] },
        property: "alternateNames[0]",
      },
      {
        title: "alternateNames over the device's 1024 characters",
        args: { alternateNames: LONG_ALTERNATE_NAMES },
        property: "alternateNames",
        shows: `got ${LONG_ALTERNATE_NAMES.join(",").length}.`,
      },
      { title: "keySize 1000", args: { keySize: 1000 }, property: "keySize" },
      { title: "keySize 1024", args: { keySize: 1024 }, property: "keySize", shows: "got 1024" },
      { title: 'keySize "big"', args: { keySize: "big" }, property: "keySize" },
      { title: 'keyAlgorithm "dsa"', args: { keyAlgorithm: "dsa" }, property: "keyAlgorithm" },
      {
        title: 'a keyUsages entry "sign"',
        args: { keyUsages: ["sign"] },
        property: "keyUsages[0]",
      },
      {
        title: 'an extendedKeyUsages entry "codeSigning"',
        args: { extendedKeyUsages: ["codeSigning"] },
        property: "extendedKeyUsages[0]",
      },
      {
        title: 'saveAndActivate "maybe"',
        args: { saveAndActivate: "maybe" },
        property: "saveAndActivate",
      },
      {
        title: 'adoptExisting "maybe"',
        args: { adoptExisting: "maybe" },
        property: "adoptExisting",
      },
      CONNECTION_AS_TEXT,
    ],
  },
  {
    type: "oraclesbc.CertificateImport",
    base: { recordName: "sip-tls", certificatePem: m.certificatePem },
    rejects: [
      { title: "no recordName", omit: ["recordName"], property: "recordName", shows: GOT_NOTHING },
      {
        title: 'recordName "bad name!"',
        args: { recordName: "bad name!" },
        property: "recordName",
      },
      {
        title: "no certificatePem",
        omit: ["certificatePem"],
        property: "certificatePem",
        shows: GOT_NOTHING,
      },
      {
        title: "a certificatePem that is a CSR",
        args: { certificatePem: m.csrPem },
        property: "certificatePem",
        shows: 'got a block labelled "CERTIFICATE REQUEST"',
      },
      {
        title: "a certificatePem without a PEM block",
        args: { certificatePem: "just text" },
        property: "certificatePem",
        shows: "got text without a PEM block",
      },
      {
        title: "a certificatePem that is a number",
        args: { certificatePem: 42 },
        property: "certificatePem",
        shows: "got a number",
      },
      {
        title: "a CERTIFICATE block that does not parse",
        args: { certificatePem: "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n" },
        property: "certificatePem",
        shows: "holds a CERTIFICATE block that does not parse",
      },
      {
        title: "an expired certificatePem (by the provider clock)",
        args: { certificatePem: m.expiredCertificatePem },
        property: "certificatePem",
        shows:
          "certificatePem (CN=sip-tls) has expired: its notAfter is 2030-01-01T00:00:00Z and now is 2030-06-01T00:00:00Z (the provider clock). Nothing expired goes onto the SBC: pass a certificate valid now (have the CA sign the record's certRequestPem again; a signer upstream with earlyRenewalHours renews before notAfter).",
      },
      {
        title: "a certificatePem not yet valid (by the provider clock)",
        args: { certificatePem: m.notYetValidCertificatePem },
        property: "certificatePem",
        shows:
          "certificatePem (CN=sip-tls) is not yet valid: its notBefore is 2031-01-01T00:00:00Z and now is 2030-06-01T00:00:00Z (the provider clock). Nothing not yet valid goes onto the SBC (TLS peers would refuse it): check the CA's clock and this machine's, or import it once notBefore has passed.",
      },
      {
        title: "an expired certificate in chainPem",
        args: { chainPem: m.expiredCertificatePem },
        property: "chainPem",
        shows: "chainPem (CN=sip-tls) has expired: its notAfter is 2030-01-01T00:00:00Z",
      },
      {
        title: "a private key given as chainPem",
        args: { chainPem: m.keyPem },
        property: "chainPem",
        shows: 'got a block labelled "PRIVATE KEY"',
        hides: bodyOf(m.keyPem),
      },
      {
        title: 'saveAndActivate "maybe"',
        args: { saveAndActivate: "maybe" },
        property: "saveAndActivate",
      },
      CONNECTION_AS_TEXT,
    ],
  },
];
