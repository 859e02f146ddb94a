// The certplane Go quickstart as a Pulumi Go program: `pulumi up` in this folder (with the Go
// language host of a normal Pulumi install and pulumi-resource-certplane on PATH). ./inline runs
// the same program through the Automation API instead.
package main

import (
	"github.com/certplane/pulumi-certplane/examples/go-quickstart/quickstart"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(quickstart.Program)
}
