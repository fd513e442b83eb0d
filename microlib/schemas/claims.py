"""Schema of ``data/claims.csv``: 82 claims from four marketing articles, each checked against the evidence.

The claims are paraphrased in the package's own words (the articles are never quoted). Each row carries the
verdict, what the evidence says, the advertorial red flags its wording shows, the notebook that teaches the
topic, and the sources the verdict rests on.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field

from .common import CheckedOn, CitationKeys, ForeignKey, Row, ShownVerification, TableSpec, TextList


def _none_is_empty(value: object) -> object:
    return () if value is None else value


#: A `;`-separated list that may be left blank (a blank cell is an empty list).
OptionalList = Annotated[TextList, BeforeValidator(_none_is_empty)]


# The vocabulary lives in microlib.vocabulary; re-exported here for the schemas that import it from this module.
from ..vocabulary import NOTEBOOKS, TOPICS, VERDICTS, Notebook, Topic, Verdict  # noqa: E402,F401

#: The four marketing articles the claims come from, by the code used in the evidence review.
ARTICLES: dict[str, str] = {
    "000": "stretch-mark advertorial",
    "001": "skin renewal and collagen advertorial",
    "002": "scars and stretch marks advertorial",
    "003": "'everything you need to know' clinic article",
}


def _known_articles(codes: tuple[str, ...]) -> tuple[str, ...]:
    unknown = [c for c in codes if c not in ARTICLES]
    if unknown:
        raise ValueError(f"article codes from {', '.join(ARTICLES)} (unknown: {', '.join(unknown)})")
    if not codes:
        raise ValueError("at least one article code")
    return codes


class Claim(Row):
    id: str = Field(pattern=r"^[MEBPWDSCAO]\d{2}$", description="Claim id from the evidence review: a letter for the "
                    "group (M mechanism, E biology, B benefits, P procedure, W who may perform, D side effects, "
                    "S skin type, C contraindications, A aftercare, O other) and two digits.")
    articles: Annotated[TextList, AfterValidator(_known_articles)] = Field(
        description="Which of the four articles make the claim (`000`–`003`, `;`-separated)."
    )
    topic: Topic = Field(description="What the claim is about; used to filter claims in notebook 04.")
    claim: str = Field(min_length=10, description="The claim, paraphrased in our own words (never a quotation).")
    verdict: Verdict = Field(description="How the claim stands against the literature.")
    evidence: str = Field(min_length=20, description="What the evidence says, in one to three sentences.")
    red_flags: OptionalList = Field(
        default=(), description="Advertorial signals in the claim's wording (keys into `red_flags.csv`).")
    notebook: Notebook = Field(description="The notebook that teaches this topic.")
    citations: CitationKeys = Field(description="Sources the verdict rests on (`;`-separated keys).")
    verification: ShownVerification = Field(description="How the decisive source was read.")
    wording_note: str | None = Field(None, description="When the verdict alone hides a wording problem, what it is.")
    checked_on: CheckedOn = Field(description="Date the verdict was last checked against its sources (ISO date).")



SPEC = TableSpec(
    file="claims.csv",
    row_model=Claim,
    description="One row per distinct claim made by four marketing articles on microneedling, paraphrased, "
    "with its verdict against the literature.",
    key=("id",),
    foreign_keys=(ForeignKey("red_flags", "red_flags", "key"),),
)
