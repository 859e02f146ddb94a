package main

import (
	"context"
	"fmt"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// noExternalPackages is the schema loader the binder and the Python generator are given. Pulumi's
// usual loader starts provider plugins to fetch other packages' schemas; certplane's schema refers
// to no other package, so a reference to one is a schema error, reported by name.
type noExternalPackages struct{}

func (noExternalPackages) refused(name string) error {
	return fmt.Errorf("the schema refers to package %q: certplane's SDK generation loads no other package", name)
}

func (l noExternalPackages) LoadPackage(name string, _ *semver.Version) (*schema.Package, error) {
	return nil, l.refused(name)
}

func (l noExternalPackages) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, l.refused(d.Name)
}

func (l noExternalPackages) LoadPackageReference(name string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, l.refused(name)
}

func (l noExternalPackages) LoadPackageReferenceV2(
	_ context.Context, d *schema.PackageDescriptor,
) (schema.PackageReference, error) {
	return nil, l.refused(d.Name)
}
