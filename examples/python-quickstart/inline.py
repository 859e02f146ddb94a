"""Runs the quickstart program as an Automation API inline program.

The program runs in this process and the Pulumi CLI (on PATH) drives the engine, so no Python language
host (pulumi-language-python) is needed. The engine tier uses it (tests/engine/pythonQuickstart.spec.ts):

    python inline.py --work-dir DIR [--stack dev] up|preview|preview-no-changes|destroy

Backend, PULUMI_HOME and the passphrase come from the environment (PULUMI_BACKEND_URL,
PULUMI_CONFIG_PASSPHRASE, ...), as for the CLI. The CLI's output goes to stdout; a failed operation
exits 1.
"""

import argparse
import sys

from pulumi import automation as auto

from quickstart import program


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--work-dir", required=True, help="workspace folder (Pulumi.yaml, stack settings)")
    parser.add_argument("--stack", default="dev")
    parser.add_argument("operation", choices=["up", "preview", "preview-no-changes", "destroy"])
    args = parser.parse_args()

    stack = auto.create_or_select_stack(
        stack_name=args.stack,
        project_name="python-quickstart",
        program=program,
        work_dir=args.work_dir,
    )
    def echo(line: str) -> None:
        print(line, flush=True)

    try:
        if args.operation == "up":
            stack.up(on_output=echo)
        elif args.operation == "preview":
            stack.preview(on_output=echo)
        elif args.operation == "preview-no-changes":
            stack.preview(on_output=echo, expect_no_changes=True)
        else:
            stack.destroy(on_output=echo)
    except auto.CommandError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
