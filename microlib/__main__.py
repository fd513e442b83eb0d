"""Command line: ``python -m microlib doctor``, ``check-data [--references]``, ``references`` or ``data-dictionary``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _write_references_report(output: str | None) -> int:
    from .references import references_report

    text = references_report() + "\n"
    if output:
        Path(output).write_text(text, encoding="utf-8")
        print(f"wrote the references report to {output}")
    else:
        print(text, end="")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m microlib", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("doctor", help="check that this environment can run the lessons")
    check = sub.add_parser("check-data", help="validate every table in data/ and list any problems")
    check.add_argument("--references", action="store_true",
                       help="after validating, print the references report (identifiers, links, what cites each)")
    check.add_argument("--output", metavar="FILE", help="with --references: write the report to FILE")
    refs = sub.add_parser("references", help="print the references report as Markdown (for trainers and reviewers)")
    refs.add_argument("--output", metavar="FILE", help="write the report to FILE, e.g. docs/references.md")
    sub.add_parser("data-dictionary", help="print the Markdown data dictionary generated from the schemas")
    args = parser.parse_args(argv)
    if args.command == "doctor":
        from .selfcheck import doctor

        return 0 if doctor().ok else 1
    if args.command in ("check-data", "references"):
        from .loader import DataValidationError, load_all

        try:
            tables = load_all()
        except DataValidationError as exc:
            print(exc, file=sys.stderr)
            return 1
        if args.command == "references" or args.references:
            return _write_references_report(args.output)
        if args.output:
            parser.error("--output needs --references")
        print(f"{len(tables)} tables valid: " + ", ".join(f"{n} ({len(r)} rows)" for n, r in sorted(tables.items())))
        return 0
    from .data_dictionary import data_dictionary

    print(data_dictionary(), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
