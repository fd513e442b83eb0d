"""The glossary, the evidence-labels card, and terms defined at their first use in lessons 00 and 03."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from microlib.apps.glossary import build_glossary_app
from microlib.glossary import entry_html, evidence_labels_card, glossary_entry, glossary_table, glossary_terms
from microlib.html import citations_text, short_citation
from microlib.loader import load_records
from microlib.paths import NOTEBOOKS_DIR
from microlib.schemas.evidence_labels import ALLOWED_VALUES, FAMILIES, EvidenceLabel
from tools.notebook_source import parse_source

#: Terms the lessons issue asked for by name (each must be in the glossary).
REQUIRED = {
    "fibroblast", "granuloma", "tram_track_scarring", "pih", "koebner", "rf_microneedling", "keloid",
    "hypertrophic_scar", "atrophic_acne_scar", "isotretinoin", "anticoagulant", "herpes_reactivation", "collagen",
    "papillary_dermis", "reticular_dermis", "epidermis", "rct", "split_face", "case_series", "systematic_review",
    "meta_analysis", "evidence_level",
}


def test_the_glossary_has_at_least_30_terms_including_every_requested_one() -> None:
    keys = {t.key for t in glossary_terms()}
    assert len(keys) >= 30
    assert keys >= REQUIRED, sorted(REQUIRED - keys)


def test_every_definition_is_cited_from_a_readable_source() -> None:
    references = {r.key: r for r in load_records("references")}
    for term in glossary_terms():
        assert term.citations, term.key
        for key in term.citations:
            assert references[key].verification != "unverified", (term.key, key)


def test_a_glossary_card_names_sources_by_author_and_year_and_keeps_keys_out_of_sight() -> None:
    entry = glossary_entry("koebner")
    card = entry_html(entry)
    assert short_citation("statpearls_koebner") in card
    visible = re.sub(r"<[^>]+>", "", card)
    assert "statpearls_koebner" not in visible
    assert "data-key='statpearls_koebner'" in card


def test_the_glossary_app_lists_every_term_and_has_a_plain_text_fallback() -> None:
    app = build_glossary_app()
    assert len(app.term.options) == len(glossary_terms())
    app.term.value = "granuloma"
    assert glossary_entry("granuloma").definition in app.card.value
    assert app.term.description  # its accessible name
    assert app._repr_mimebundle_()["text/plain"].startswith("Glossary (interactive)")


def test_glossary_table_is_readable_and_complete() -> None:
    table = glossary_table()
    assert table.n_rows == len(glossary_terms())
    assert table.columns == ("Term", "Meaning", "Checked against")
    assert "fibroblast" not in table.columns
    chosen = glossary_table(["case_series", "rct"], caption="Two designs.")
    assert chosen.n_rows == 2 and "Two designs." in chosen.html


def test_short_citations_read_like_references_and_reject_unknown_keys() -> None:
    assert short_citation("chu2021") == "Chu et al. 2021"
    assert short_citation("blakely2022") == "Blakely 2022"
    assert citations_text(["chu2021", "dogra2014"]) == "Chu et al. 2021; Dogra et al. 2014"
    with pytest.raises(KeyError, match="nobody1999"):
        short_citation("nobody1999")


# ------------------------------------------------------------------------------------ evidence-labels card


def test_the_card_has_one_row_per_rating_vocabulary() -> None:
    card = evidence_labels_card()
    assert card.n_rows == len(FAMILIES) == 8
    assert card.columns == ("Label", "What it rates", "Its values and what they mean", "Where you meet it")
    for name in ("Verification label", "Source type", "Level of evidence", "Evidence verdict for a condition",
                 "Verdict on a claim", "Evidence behind a checklist rule", "Checklist outcome"):
        assert name in card.html


def test_the_card_s_plain_text_fallback_has_words_not_markup() -> None:
    text = evidence_labels_card().text
    assert "<li>" not in text and "&#x27;" not in text
    assert "primary: Read in the original" in text


def test_every_allowed_value_of_every_vocabulary_is_explained() -> None:
    rows = load_records("evidence_labels")
    for family, allowed in ALLOWED_VALUES.items():
        explained = {r.value for r in rows if r.family == family and r.value is not None}
        assert explained == set(allowed or ()), family


def test_levels_and_outcomes_come_from_their_own_tables() -> None:
    html = evidence_labels_card().html
    for level in load_records("evidence_levels"):
        assert f"{level.level} — {level.name}" in html
    for outcome in load_records("risk_outcomes"):
        assert f"{outcome.icon} {outcome.label}" in html
    assert short_citation("ocebm2011") in html


def test_a_value_outside_the_schemas_is_refused_with_the_allowed_values() -> None:
    with pytest.raises(ValidationError, match=r"claim_verdict.*supported, partly supported"):
        EvidenceLabel(key="x", family="claim_verdict", value="true", name="true", meaning="Says it is true, always.",
                      basis="package convention")
    with pytest.raises(ValidationError, match="published scale needs citations"):
        EvidenceLabel(key="x", family="evidence_level", name="Levels", meaning="A published scale of levels.",
                      where="Lesson 02", basis="published scale")


# ------------------------------------------------------------------------------- terms at first use in lessons

#: For lessons 00 and 03: glossary terms the lesson uses, and how the text first names each one.
FIRST_USE = {
    "00_start_here": {
        "microneedling": r"microneedling",
        "epidermis": r"epidermis",
        "dermis": r"\bdermis\b",
        "rct": r"randomised controlled trial",
        "split_face": r"split-face",
        "case_series": r"case series",
        "systematic_review": r"systematic review",
        "meta_analysis": r"meta-analysis",
        "evidence_level": r"level of evidence",
    },
    "03_side_effect_risk_checklist": {
        "contraindication": r"contraindication",
        "precaution": r"precaution",
        "erythema": r"erythema",
        "pih": r"post-inflammatory hyperpigmentation",
        "tram_track_scarring": r"tram-track scarring",
        "granuloma": r"granuloma",
        "herpes_reactivation": r"cold-sore",
        "fibroblast": r"fibroblast",
        "anticoagulant": r"blood thinner",
        "keloid": r"keloid",
        "koebner": r"koebner",
        "isotretinoin": r"isotretinoin",
        "device_labelling": r"device labelling",
        "systematic_review": r"systematic review",
        "fitzpatrick": r"darker skin type",
        "microchannel": r"channels",
    },
}


FRONT_MATTER = ("Overview", "Prerequisites", "Time to learn")


def lesson_text(stem: str) -> str:
    """The lesson's markdown from its first teaching section on (title, objectives and timings come before)."""
    cells = parse_source((NOTEBOOKS_DIR / "src" / f"{stem}.py").read_text(encoding="utf-8"))
    text = "\n".join(c["source"] for c in cells if c["cell_type"] == "markdown")
    for heading in re.finditer(r"^## (.+)$", text, flags=re.MULTILINE):
        if not heading.group(1).startswith(FRONT_MATTER):
            return text[heading.start():]
    raise AssertionError(f"{stem}: no teaching section after the front matter")


@pytest.mark.parametrize("stem", FIRST_USE)
def test_each_term_is_bold_with_a_gloss_at_its_first_use(stem: str) -> None:
    """The first time a lesson uses a glossary term, the term is in bold (the gloss follows it)."""
    text = lesson_text(stem)
    keys = {t.key for t in glossary_terms()}
    for key, pattern in FIRST_USE[stem].items():
        assert key in keys, key
        matches = [m for m in re.finditer(pattern, text, flags=re.IGNORECASE)
                   if not text[text.rfind("\n", 0, m.start()) + 1:].startswith("#")]  # headings name, text defines
        assert matches, f"{stem}: {key!r} is listed but not used"
        match = matches[0]
        before = text[: match.start()]
        in_bold = before.count("**") % 2 == 1
        assert in_bold, f"{stem}: first use of {key!r} is not in bold: …{text[match.start() - 60: match.end() + 20]}…"
