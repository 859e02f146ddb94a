"""The certplane Python quickstart program.

One key and CSR, signed by Cisco PCA (validated over mTLS with the key) and by NetFoundry Frontdoor, its
public key certified for SSH by AppViewX CERT+, and an Oracle SBC certificate-record whose device CSR
PCA signs and the SBC imports.

The resources need the certplane plugin (pulumi-resource-certplane, see docs/plugin.md) and each
vendor's connection: CERTPLANE_<VENDOR>_* variables or certplane:<vendor>* stack config, e.g. from
`certplane-simulator` for a local run.
"""

import pulumi
import pulumi_certplane as certplane


def program() -> None:
    """Declares the resources and exports their outputs (the private key a secret)."""
    # The key rotates when PCA's renewal window opens (90 days - 10 days early), so the renewal
    # signs a new key: key, CSR and certificates replaced in the same `up` (docs/renewal.md). The
    # weekly SSH certificate renews for the same key between rotations.
    key = certplane.CertificateRequest(
        "user-key",
        algorithm=certplane.KeyAlgorithm.ECDSA,
        ecdsa_curve=certplane.EcdsaCurve.P256,
        subject=certplane.SubjectArgs(common_name="quickstart-user"),
        rotate_after_hours=24 * 90 - 24 * 10,
    )

    # PCA signs the CSR for 90 days and, given the key, validates the certificate over mTLS.
    signed = certplane.pca.SignedCertificate(
        "user-pca",
        cert_request_pem=key.cert_request_pem,
        requested_username="quickstart-user",
        assigned_roles=["tenant-admin"],
        cert_duration_hours=24 * 90,
        early_renewal_hours=24 * 10,
        private_key_pem=key.private_key_pem,
    )

    frontdoor = certplane.netfoundry.ClientCertificate(
        "user-frontdoor",
        name="quickstart-user",
        cert_request_pem=key.cert_request_pem,
        # NetFoundry signs for 365 days; renewed 30 days early.
        early_renewal_hours=24 * 30,
    )

    # The SBC keeps its key: PCA signs the device's CSR and the certificate goes back onto the SBC.
    record = certplane.oraclesbc.CertificateRecord(
        "sbc-record",
        name="quickstart-sbc",
        common_name="sbc.example.com",
        country="US",
        key_size=certplane.oraclesbc.KeySize.RSA2048,
    )
    sbc_signed = certplane.pca.SignedCertificate(
        "sbc-pca",
        cert_request_pem=record.cert_request_pem,
        requested_username="sbc.example.com",
        cert_duration_hours=24 * 90,
        early_renewal_hours=24 * 14,
    )
    imported = certplane.oraclesbc.CertificateImport(
        "sbc-import",
        record_name=record.record_name,
        certificate_pem=sbc_signed.certificate_pem,
    )

    # Revocation frees the key for a renewal (one valid certificate per key) and revokes on destroy.
    ssh = certplane.appviewx.SshCertificate(
        "user-ssh",
        public_key=key.public_key_openssh,
        cert_type=certplane.appviewx.CertType.USER,
        principals=["deploy"],
        validity_value=7,
        validity_unit="days",
        certificate_identity="quickstart-user",
        ca_name="testVendor.user.ca",
        # Renewed a day before the week ends.
        early_renewal_hours=24,
        revocation=certplane.appviewx.RevocationArgs(group_name="default", reason="superseded"),
    )

    # The SDK marks private_key_pem secret, so the export is ciphertext in state and masked in output.
    pulumi.export("privateKeyPem", key.private_key_pem)
    pulumi.export("certRequestPem", key.cert_request_pem)
    pulumi.export("pcaCertificatePem", signed.certificate_pem)
    pulumi.export("pcaValidated", signed.validated)
    pulumi.export("netfoundryFingerprint", frontdoor.fingerprint_sha256)
    pulumi.export("sbcRecordName", record.record_name)
    pulumi.export("sbcFingerprint", imported.fingerprint_sha256)
    pulumi.export("sshCertificate", ssh.certificate)
