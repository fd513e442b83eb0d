"""The checked-claims table and its helpers: completeness, citations, filters, counts, charts, browser app."""

from __future__ import annotations

import html
import re

import pytest

from microlib.apps.claims import build_claims_app
from microlib.claims import (
    claims_html,
    claims_student_table,
    filter_claims,
    notebook_link,
    red_flag_counts,
    red_flag_counts_table,
    red_flags_table_for_students,
    verdict_badge,
    verdict_counts,
    verdict_examples,
    verdict_examples_table,
)
from microlib.loader import load_records
from microlib.plots.claims import verdict_bar, verdicts_by_topic
from microlib.schemas.claims import NOTEBOOKS, TOPICS, VERDICTS

EXPECTED_IDS = (
    [f"M{i:02d}" for i in range(1, 11)] + [f"E{i:02d}" for i in range(1, 10)] + [f"B{i:02d}" for i in range(1, 26)]
    + [f"P{i:02d}" for i in range(1, 10)] + ["W01"] + [f"D{i:02d}" for i in range(1, 11)]
    + [f"S{i:02d}" for i in range(1, 4)] + [f"C{i:02d}" for i in range(1, 9)] + [f"A{i:02d}" for i in range(1, 7)]
    + ["O01"]
)


@pytest.fixture(scope="module")
def claims():
    return load_records("claims")


def test_all_82_claims_of_the_review_are_present_once(claims) -> None:
    assert len(EXPECTED_IDS) == 82
    assert sorted(c.id for c in claims) == sorted(EXPECTED_IDS)


def test_every_claim_has_a_verdict_a_topic_and_a_resolving_citation(claims) -> None:
    references = {r.key for r in load_records("references")}
    for c in claims:
        assert c.verdict in VERDICTS and c.topic in TOPICS, c.id
        assert c.citations, c.id
        assert set(c.citations) <= references, (c.id, set(c.citations) - references)


def test_verdict_tally_matches_the_evidence_review() -> None:
    counts = dict(zip(verdict_counts()["verdict"], verdict_counts()["claims"], strict=True))
    assert counts == {"supported": 29, "partly supported": 35, "overstated": 9, "contradicted": 6,
                      "unverifiable": 3}


def test_no_claim_rests_on_an_unverified_source(claims) -> None:
    assert all(c.verification != "unverified" for c in claims)


def test_claims_are_paraphrased_not_quoted(claims) -> None:
    for c in claims:
        assert not re.search(r"[\"“”]", c.claim), f"{c.id} quotes the article: {c.claim}"


def test_every_claim_links_to_a_lesson(claims) -> None:
    for c in claims:
        assert c.notebook in NOTEBOOKS
        assert notebook_link(c.notebook).endswith(f"({c.notebook}.ipynb)")


def test_filters_combine_and_unknown_values_name_the_allowed_ones() -> None:
    unverifiable_aftercare = filter_claims(topic="aftercare", verdict="unverifiable")
    assert list(unverifiable_aftercare["id"]) == ["A04", "A05", "A06"]
    assert set(filter_claims(article="003")["id"]) >= {"D06", "C06", "B14"}
    assert "D06" in set(filter_claims(red_flag="absolute_words")["id"])
    with pytest.raises(ValueError, match="verdict='false' is not one of: supported"):
        filter_claims(verdict="false")
    with pytest.raises(ValueError, match="topic='diet'"):
        filter_claims(topic="diet")


def test_counts_by_topic_include_zeros_and_add_up() -> None:
    by_topic = verdict_counts(by_topic=True)
    assert len(by_topic) == len(TOPICS) * len(VERDICTS)
    assert by_topic["claims"].sum() == 82
    aftercare = by_topic[by_topic["topic"] == "aftercare"].set_index("verdict")["claims"]
    assert aftercare["unverifiable"] == 3 and aftercare["supported"] == 0


def test_every_red_flag_used_by_a_claim_is_defined_and_counted() -> None:
    counts = red_flag_counts().set_index("key")["claims"]
    assert counts["absolute_words"] >= 5
    assert counts["clinic_advert"] == 0  # a page-level signal, not in any claim's wording


def test_verdicts_carry_words_and_icons_not_colour_alone() -> None:
    assert verdict_badge("contradicted") == "✘ contradicted"
    fig = verdict_bar(verdict_counts())
    assert list(fig.data[0].y) == ["✔ supported", "◐ partly supported", "▲ overstated", "✘ contradicted",
                                   "? unverifiable"]
    assert [int(t) for t in fig.data[0].text] == [29, 35, 9, 6, 3]
    stacked = verdicts_by_topic(verdict_counts(by_topic=True))
    shapes = {trace.marker.pattern.shape for trace in stacked.data}
    assert len(stacked.data) == 5 and len(shapes) == 5
    assert stacked.layout.xaxis.title.text == "number of claims"


def test_examples_show_one_claim_per_verdict() -> None:
    assert list(verdict_examples()["verdict"]) == list(VERDICTS)
    table = verdict_examples_table()
    assert table.n_rows == 5 and table.columns == ("Verdict", "Claim (in our words)", "What the evidence says")
    for claim in verdict_examples().itertuples():  # full text, no row codes
        assert html.escape(claim.evidence) in table.html and f">{claim.id}<" not in table.html


def test_claims_html_escapes_and_handles_no_match() -> None:
    assert "No claim matches" in claims_html(filter_claims().iloc[0:0])
    assert "01_collagen_induction.ipynb" in claims_html(filter_claims(topic="mechanism"))


def test_claims_table_names_sources_and_hides_keys_and_codes() -> None:
    claims = filter_claims(topic="side_effects")
    table = claims_student_table(claims, caption="Side effects.")
    assert table.n_rows == len(claims) and re.search(r"<caption[^>]*>Side effects\.</caption>", table.html)
    keys = {k for ks in claims["citations"] for k in ks}
    assert not any(re.search(rf"\b{re.escape(k)}\b", table.text) for k in keys if "_" in k or k[-4:].isdigit())
    assert not any(f">{i}<" in table.html for i in claims["id"])
    assert "<script" not in table.html and 'href="03_side_effect_risk_checklist.ipynb"' in table.html


def test_red_flag_tables_are_student_tables() -> None:
    flags = red_flags_table_for_students(caption="Red flags.")
    assert flags.columns == ("Signal", "What it looks like", "Why it matters", "Ask yourself")
    counts = red_flag_counts_table()
    assert counts.n_rows == flags.n_rows and counts.columns == ("Signal", "Claims whose wording shows it")


def test_claims_browser_filters_table_and_updates_chart_in_place() -> None:
    app = build_claims_app()
    figure = app.figure
    assert "82 claims" in app.summary.value
    app.topic.value = "aftercare"
    assert "6 claims" in app.summary.value
    assert app.figure is figure and list(figure.data[0].x) == [0, 3, 0, 0, 3]
    app.verdict.value = "unverifiable"
    shown = filter_claims(topic="aftercare", verdict="unverifiable")
    hidden = filter_claims(topic="aftercare", verdict="partly supported")
    assert "3 claims" in app.summary.value and len(shown) == 3
    assert all(html.escape(c) in app.table.value for c in shown["claim"])
    assert not any(html.escape(c) in app.table.value for c in hidden["claim"])
    assert "aftercare" in figure.layout.title.text
