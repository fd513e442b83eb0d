"""The package's words for things, in one place: lesson names and titles, claim verdicts with their icons, and
claim topics with their labels.

Schemas, pure modules, figures and apps all read them from here, so a new lesson or a renamed verdict is one
edit. It imports nothing from the package.
"""

from __future__ import annotations

from typing import Literal, get_args

#: The five verdicts, from strongest agreement with the literature to none at all.
Verdict = Literal["supported", "partly supported", "overstated", "contradicted", "unverifiable"]
VERDICTS: tuple[str, ...] = get_args(Verdict)

Topic = Literal[
    "mechanism", "biology", "benefits", "procedure", "devices", "practitioner",
    "side_effects", "skin_type", "contraindications", "aftercare",
]
TOPICS: tuple[str, ...] = get_args(Topic)

Notebook = Literal[
    "00_start_here", "01_collagen_induction", "02_conditions_compared",
    "03_side_effect_risk_checklist", "04_claims_vs_evidence",
]
NOTEBOOKS: tuple[str, ...] = get_args(Notebook)

#: Words and icons for each verdict, so tables and badges never rely on colour alone.
VERDICT_ICON = {
    "supported": "✔",
    "partly supported": "◐",
    "overstated": "▲",
    "contradicted": "✘",
    "unverifiable": "?",
}
TOPIC_LABEL = {
    "mechanism": "mechanism",
    "biology": "skin biology",
    "benefits": "benefits",
    "procedure": "procedure",
    "devices": "devices",
    "practitioner": "who performs it",
    "side_effects": "side effects",
    "skin_type": "skin type",
    "contraindications": "contraindications",
    "aftercare": "aftercare",
}
NOTEBOOK_TITLE = {
    "00_start_here": "00 — Start here",
    "01_collagen_induction": "01 — The collagen-induction mechanism",
    "02_conditions_compared": "02 — Conditions compared on the evidence",
    "03_side_effect_risk_checklist": "03 — Side-effect risk checklist",
    "04_claims_vs_evidence": "04 — Claims versus evidence",
}
