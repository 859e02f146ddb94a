// Runs the quickstart program as an Automation API inline program: the program runs in this process
// and the Pulumi CLI (on PATH) drives the engine, so no Go language host (pulumi-language-go) is
// needed. The engine tier uses it (tests/engine/goQuickstart.spec.ts):
//
//	go run ./inline -work-dir DIR [-stack dev] up|preview|preview-no-changes|destroy
//
// Backend, PULUMI_HOME and the passphrase come from the environment (PULUMI_BACKEND_URL,
// PULUMI_CONFIG_PASSPHRASE, …), as for the CLI. The CLI's output goes to stdout; a failed
// operation exits 1.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/certplane/pulumi-certplane/examples/go-quickstart/quickstart"
	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
)

func main() {
	stackName := flag.String("stack", "dev", "stack name")
	workDir := flag.String("work-dir", "", "workspace folder (Pulumi.yaml and the stack's settings are written here)")
	flag.Parse()
	if *workDir == "" || flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: inline -work-dir DIR [-stack NAME] up|preview|preview-no-changes|destroy")
		os.Exit(2)
	}
	if err := run(context.Background(), *workDir, *stackName, flag.Arg(0)); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(ctx context.Context, workDir, stackName, operation string) error {
	stack, err := auto.UpsertStackInlineSource(ctx, stackName, "go-quickstart", quickstart.Program,
		auto.WorkDir(workDir))
	if err != nil {
		return err
	}
	switch operation {
	case "up":
		_, err = stack.Up(ctx, optup.ProgressStreams(os.Stdout), optup.ErrorProgressStreams(os.Stderr))
	case "preview":
		_, err = stack.Preview(ctx, optpreview.ProgressStreams(os.Stdout), optpreview.ErrorProgressStreams(os.Stderr))
	case "preview-no-changes":
		_, err = stack.Preview(ctx, optpreview.ExpectNoChanges(),
			optpreview.ProgressStreams(os.Stdout), optpreview.ErrorProgressStreams(os.Stderr))
	case "destroy":
		_, err = stack.Destroy(ctx, optdestroy.ProgressStreams(os.Stdout), optdestroy.ErrorProgressStreams(os.Stderr))
	default:
		return fmt.Errorf("unknown operation %q", operation)
	}
	return err
}
