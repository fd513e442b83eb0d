"""Generate ``data/README.md``, the data dictionary, from the declared schemas.

The schemas are the single source of truth for what each column means; this renders them for people.
``tests/test_data_dictionary.py`` fails when the committed file is out of date
(regenerate with ``.venv/bin/python -m microlib data-dictionary > data/README.md``).
"""

from __future__ import annotations

import re
import typing

from pydantic.fields import FieldInfo

from .schemas import all_specs
from .schemas.common import VERIFICATION_MEANING

HEADER = """# Data dictionary

Generated from the schemas in `microlib/schemas/` by `python -m microlib data-dictionary`; do not edit by hand.
Every table is validated on load: a wrong type, an out-of-range value, a repeated key, an unknown column or a
citation key missing from `references.csv` stops loading with a message naming the file, row, column and value.

Multi-valued cells (citation keys, lists) are separated by `;`. Blank cells are missing values.

## How a value was verified (`verification`)

| value | meaning |
|---|---|
"""


def _type_name(annotation: object) -> str:
    text = repr(annotation) if not isinstance(annotation, type) else annotation.__name__
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return "one of " + ", ".join(f"`{a}`" for a in typing.get_args(annotation))
    if origin is typing.Annotated:
        return _type_name(typing.get_args(annotation)[0])
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        parts = [a for a in typing.get_args(annotation) if a is not type(None)]
        return " or ".join(_type_name(p) for p in parts)
    if origin is tuple:
        return "list (`;`-separated)"
    text = re.sub(r"typing\.|<class '|'>", "", text)
    return {"str": "text", "int": "integer", "float": "number", "bool": "true/false"}.get(text, text)


def _constraints(info: FieldInfo) -> str:
    parts = []
    for item in info.metadata:
        for name, symbol in (("ge", "≥"), ("gt", ">"), ("le", "≤"), ("lt", "<")):
            if getattr(item, name, None) is not None:
                parts.append(f"{symbol} {getattr(item, name)}")
        if getattr(item, "pattern", None):
            parts.append(f"pattern `{item.pattern}`")
        if getattr(item, "min_length", None):
            parts.append(f"at least {item.min_length} long")
    return ", ".join(parts)


def data_dictionary() -> str:
    """The Markdown text of ``data/README.md``."""
    out = [HEADER]
    out += [f"| `{k}` | {v} |\n" for k, v in VERIFICATION_MEANING.items()]
    for spec in sorted(all_specs().values(), key=lambda s: (s.file != "references.csv", s.file)):
        out.append(f"\n## `{spec.file}`\n\n{spec.description}\n\n")
        if spec.key:
            out.append(f"Unique key: {' + '.join(f'`{k}`' for k in spec.key)}. ")
        if spec.citation_columns:
            columns = ", ".join(f"`{c}`" for c in spec.citation_columns)
            out.append(f"Citations that must resolve in `references.csv`: {columns}. ")
        for fk in spec.foreign_keys:
            out.append(f"`{fk.column}` must appear in `{fk.table}.{fk.target_column}`. ")
        out.append("\n\n| column | type | required | constraints | meaning |\n|---|---|---|---|---|\n")
        for name, info in spec.row_model.model_fields.items():
            description = (info.description or "").replace("|", "\\|").replace("\n", " ")
            required = "yes" if info.is_required() else "no"
            constraints = _constraints(info).replace("|", "\\|")
            type_name = _type_name(info.annotation).replace("|", "\\|")
            out.append(f"| `{name}` | {type_name} | {required} | {constraints} | {description} |\n")
    return "".join(out)
