"""Command line: ``python -m microlib doctor`` or ``python -m microlib check-data``."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m microlib", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("doctor", help="check that this environment can run the lessons")
    sub.add_parser("check-data", help="validate every table in data/ and list any problems")
    sub.add_parser("data-dictionary", help="print the Markdown data dictionary generated from the schemas")
    args = parser.parse_args(argv)
    if args.command == "doctor":
        from .selfcheck import doctor

        return 0 if doctor().ok else 1
    if args.command == "check-data":
        from .loader import DataValidationError, load_all

        try:
            tables = load_all()
        except DataValidationError as exc:
            print(exc, file=sys.stderr)
            return 1
        print(f"{len(tables)} tables valid: " + ", ".join(f"{n} ({len(r)} rows)" for n, r in sorted(tables.items())))
        return 0
    from .data_dictionary import data_dictionary

    print(data_dictionary(), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
