// Package quickstart is the certplane Go quickstart program: one key and CSR, signed by Cisco PCA
// (validated over mTLS with the key) and by NetFoundry Frontdoor, its public key certified for SSH by
// AppViewX CERT+, and an Oracle SBC certificate-record whose device CSR PCA signs and the SBC imports.
//
// The resources need the certplane plugin (pulumi-resource-certplane, see docs/plugin.md) and each
// vendor's connection: CERTPLANE_<VENDOR>_* variables or certplane:<vendor>* stack config, e.g. from
// `certplane-simulator` for a local run.
package quickstart

import (
	"github.com/certplane/pulumi-certplane/sdk/go/certplane"
	"github.com/certplane/pulumi-certplane/sdk/go/certplane/appviewx"
	"github.com/certplane/pulumi-certplane/sdk/go/certplane/netfoundry"
	"github.com/certplane/pulumi-certplane/sdk/go/certplane/oraclesbc"
	"github.com/certplane/pulumi-certplane/sdk/go/certplane/pca"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Program declares the resources and exports their outputs (the private key a secret).
func Program(ctx *pulumi.Context) error {
	// The key rotates when PCA's renewal window opens (90 days - 10 days early), so the renewal signs
	// a new key: key, CSR and certificates replaced in the same `up` (docs/renewal.md). The weekly SSH
	// certificate renews for the same key between rotations.
	key, err := certplane.NewCertificateRequest(ctx, "user-key", &certplane.CertificateRequestArgs{
		Algorithm:        certplane.KeyAlgorithmECDSA,
		EcdsaCurve:       certplane.EcdsaCurveP256,
		Subject:          &certplane.SubjectArgs{CommonName: pulumi.String("quickstart-user")},
		RotateAfterHours: pulumi.Int(24*90 - 24*10),
	})
	if err != nil {
		return err
	}

	// PCA signs the CSR for 90 days and, given the key, validates the certificate over mTLS.
	signed, err := pca.NewSignedCertificate(ctx, "user-pca", &pca.SignedCertificateArgs{
		CertRequestPem:    key.CertRequestPem,
		RequestedUsername: pulumi.String("quickstart-user"),
		AssignedRoles:     pulumi.StringArray{pulumi.String("tenant-admin")},
		CertDurationHours: pulumi.Int(24 * 90),
		EarlyRenewalHours: pulumi.Int(24 * 10),
		PrivateKeyPem:     key.PrivateKeyPem,
	})
	if err != nil {
		return err
	}

	frontdoor, err := netfoundry.NewClientCertificate(ctx, "user-frontdoor", &netfoundry.ClientCertificateArgs{
		Name:           pulumi.String("quickstart-user"),
		CertRequestPem: key.CertRequestPem,
		// NetFoundry signs for 365 days; renewed 30 days early.
		EarlyRenewalHours: pulumi.Int(24 * 30),
	})
	if err != nil {
		return err
	}

	// The SBC keeps its key: PCA signs the device's CSR and the certificate goes back onto the SBC.
	record, err := oraclesbc.NewCertificateRecord(ctx, "sbc-record", &oraclesbc.CertificateRecordArgs{
		Name:       pulumi.String("quickstart-sbc"),
		CommonName: pulumi.String("sbc.example.com"),
		Country:    pulumi.String("US"),
		KeySize:    oraclesbc.KeySizeRsa2048,
	})
	if err != nil {
		return err
	}
	sbcSigned, err := pca.NewSignedCertificate(ctx, "sbc-pca", &pca.SignedCertificateArgs{
		CertRequestPem:    record.CertRequestPem,
		RequestedUsername: pulumi.String("sbc.example.com"),
		CertDurationHours: pulumi.Int(24 * 90),
		EarlyRenewalHours: pulumi.Int(24 * 14),
	})
	if err != nil {
		return err
	}
	imported, err := oraclesbc.NewCertificateImport(ctx, "sbc-import", &oraclesbc.CertificateImportArgs{
		RecordName:     record.RecordName,
		CertificatePem: sbcSigned.CertificatePem,
	})
	if err != nil {
		return err
	}

	// Revocation frees the key for a renewal (one valid certificate per key) and revokes on destroy.
	ssh, err := appviewx.NewSshCertificate(ctx, "user-ssh", &appviewx.SshCertificateArgs{
		PublicKey:           key.PublicKeyOpenssh,
		CertType:            appviewx.CertTypeUser,
		Principals:          pulumi.StringArray{pulumi.String("deploy")},
		ValidityValue:       pulumi.Int(7),
		ValidityUnit:        pulumi.String("days"),
		CertificateIdentity: pulumi.String("quickstart-user"),
		CaName:              pulumi.String("testVendor.user.ca"),
		// Renewed a day before the week ends.
		EarlyRenewalHours: pulumi.Int(24),
		Revocation: &appviewx.RevocationArgs{
			GroupName: pulumi.String("default"),
			Reason:    pulumi.String("superseded"),
		},
	})
	if err != nil {
		return err
	}

	// The SDK marks privateKeyPem secret, so the export is ciphertext in state and masked in output.
	ctx.Export("privateKeyPem", key.PrivateKeyPem)
	ctx.Export("certRequestPem", key.CertRequestPem)
	ctx.Export("pcaCertificatePem", signed.CertificatePem)
	ctx.Export("pcaValidated", signed.Validated)
	ctx.Export("netfoundryFingerprint", frontdoor.FingerprintSha256)
	ctx.Export("sbcRecordName", record.RecordName)
	ctx.Export("sbcFingerprint", imported.FingerprintSha256)
	ctx.Export("sshCertificate", ssh.Certificate)
	return nil
}
