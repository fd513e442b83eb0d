"""References: identifier formats, canonical links, the reason rule, the pure display object and the report.

The fault tests break one cell in a private copy of ``data/`` (as tests/test_loader_faults.py does) and check
that the loader names the file, row and the rule; if the schema's checks were removed they would all fail.
"""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest

from microlib.loader import DataValidationError, load_all, load_records
from microlib.references import (
    ReferenceList,
    citations_index,
    display_references,
    format_reference,
    reference_list,
    references_report,
)
from microlib.schemas.references import COPY_HOSTS, REGULATOR_HOSTS, Reference, host_matches, host_of, is_bare_ip
from tests.conftest import read_csv_rows, write_csv_rows

REPO = Path(__file__).resolve().parent.parent


def problems_of(data_dir: Path) -> str:
    with pytest.raises(DataValidationError) as caught:
        load_all(data_dir)
    return str(caught.value)


def set_cells(path: Path, key: str, **cells: str) -> int:
    rows = read_csv_rows(path)
    header = rows[0]
    number = [r[0] for r in rows].index(key)
    for column, value in cells.items():
        rows[number][header.index(column)] = value
    write_csv_rows(path, rows)
    return number


# --- the real table obeys the rules ---------------------------------------------------------------------


def test_every_journal_article_has_an_identifier_or_a_reason() -> None:
    missing = [r.key for r in load_records("references")
               if r.publication_type == "journal article" and r.doi is None and r.pmid is None
               and not r.no_identifier_reason]
    assert missing == []


def test_every_identifier_says_how_it_was_checked() -> None:
    unchecked = [r.key for r in load_records("references")
                 if (r.doi or r.pmid or r.pmcid) and not r.identifiers_checked]
    assert unchecked == []


def test_every_student_facing_link_is_canonical() -> None:
    for r in load_records("references"):
        if r.doi:
            assert r.url == f"https://doi.org/{r.doi}", r.key
        elif r.pmid:
            assert r.url in (f"https://pubmed.ncbi.nlm.nih.gov/{r.pmid}/",
                             f"https://pmc.ncbi.nlm.nih.gov/articles/{r.pmcid}/"), r.key
        elif r.publication_type == "regulatory document" and r.url:
            assert host_matches(host_of(r.url), REGULATOR_HOSTS), r.key
        if r.url:
            host = host_of(r.url)
            assert not is_bare_ip(host) and not host_matches(host, COPY_HOSTS), r.key


def test_identifier_formats_in_the_real_table() -> None:
    for r in load_records("references"):
        assert r.doi is None or re.fullmatch(r"10\.\d{4,9}/\S+", r.doi), r.key
        assert r.pmcid is None or re.fullmatch(r"PMC\d+", r.pmcid), r.key
        assert r.pmid is None or r.pmid > 0, r.key


def test_known_identifiers_from_the_audit() -> None:
    refs = {r.key: r for r in load_records("references")}
    assert refs["english2021"].doi == "10.1007/s13555-021-00653-2"
    assert refs["sasaki2019"].doi == "10.1093/asjof/ojz017"
    assert refs["sasaki2019"].pmcid == "PMC7671250"


# --- each rule fails on a bad row (private copy of data/) ------------------------------------------------


def test_a_malformed_pmcid_is_reported(data_copy: Path) -> None:
    n = set_cells(data_copy / "references.csv", "sasaki2019", pmcid="7671250")
    message = problems_of(data_copy)
    assert f"data/references.csv, row {n} (line {n + 1}), column 'pmcid': got '7671250'" in message
    assert "PMC" in message


def test_a_pmid_with_letters_is_reported(data_copy: Path) -> None:
    n = set_cells(data_copy / "references.csv", "sasaki2019", pmid="PMID33791612")
    message = problems_of(data_copy)
    assert f"row {n} (line {n + 1}), column 'pmid': got 'PMID33791612'; expected a valid integer" in message


def test_a_doi_with_the_resolver_prefix_is_reported(data_copy: Path) -> None:
    n = set_cells(data_copy / "references.csv", "sasaki2019", doi="https://doi.org/10.1093/asjof/ojz017")
    message = problems_of(data_copy)
    assert f"row {n} (line {n + 1}), column 'doi'" in message
    assert "should match pattern" in message


def test_a_journal_article_without_identifier_or_reason_is_reported(data_copy: Path) -> None:
    n = set_cells(data_copy / "references.csv", "sasaki2019", doi="", pmid="", pmcid="", url="",
                  identifiers_checked="", no_identifier_reason="")
    message = problems_of(data_copy)
    assert f"row {n} (line {n + 1})" in message
    assert "a journal article needs a doi or a pmid, or a no_identifier_reason" in message


def test_an_identifier_without_a_verification_note_is_reported(data_copy: Path) -> None:
    n = set_cells(data_copy / "references.csv", "sasaki2019", identifiers_checked="")
    message = problems_of(data_copy)
    assert f"row {n} (line {n + 1})" in message and "identifiers_checked must say how" in message


def test_a_mirror_link_beside_a_doi_is_reported(data_copy: Path) -> None:
    n = set_cells(data_copy / "references.csv", "sasaki2019", url="https://www.scribd.com/document/1/copy")
    message = problems_of(data_copy)
    assert f"row {n} (line {n + 1})" in message
    assert "should be the DOI link 'https://doi.org/10.1093/asjof/ojz017'" in message


def test_a_copy_host_without_identifiers_is_reported(data_copy: Path) -> None:
    key = next(r.key for r in load_records("references")
               if r.publication_type == "web page" and r.doi is None and r.pmid is None and r.pmcid is None)
    n = set_cells(data_copy / "references.csv", key, url="http://47.251.13.51:8081/123")
    message = problems_of(data_copy)
    assert f"row {n} (line {n + 1})" in message and "holds copies, not the canonical record" in message


def test_a_regulation_read_at_a_clinic_copy_is_reported(data_copy: Path) -> None:
    n = set_cells(data_copy / "references.csv", "fda_mn_devices", url="https://someclinic.example/fda-page")
    message = problems_of(data_copy)
    assert f"row {n} (line {n + 1})" in message and "is not a regulator's own site" in message
    assert "fda.gov" in message and "legislation.gov.uk" in message


def test_read_at_repeating_url_is_reported(data_copy: Path) -> None:
    n = set_cells(data_copy / "references.csv", "sasaki2019", read_at="https://doi.org/10.1093/asjof/ojz017")
    assert f"row {n} (line {n + 1})" in problems_of(data_copy)


def test_an_unknown_publication_type_lists_the_allowed_ones(data_copy: Path) -> None:
    set_cells(data_copy / "references.csv", "sasaki2019", publication_type="blog")
    message = problems_of(data_copy)
    assert "column 'publication_type': got 'blog'" in message and "'journal article'" in message


def test_the_model_accepts_a_pubmed_link_when_there_is_no_doi() -> None:
    base = {"key": "x2020", "authors": "A B", "year": 2020, "title": "A title", "publication_type": "journal article",
            "pmid": 123, "identifiers_checked": "PubMed record read", "source_kind": "primary",
            "verification": "primary"}
    assert Reference.model_validate({**base, "url": "https://pubmed.ncbi.nlm.nih.gov/123/"}).pmid == 123
    with pytest.raises(ValueError, match="PubMed record"):
        Reference.model_validate({**base, "url": "https://pubmed.ncbi.nlm.nih.gov/124/"})


# --- pure display --------------------------------------------------------------------------------------


def test_references_module_imports_no_display_library() -> None:
    source = (REPO / "microlib" / "references.py").read_text(encoding="utf-8")
    assert "IPython" not in source and "display(" not in source


def test_display_references_returns_markdown_without_displaying() -> None:
    shown = display_references(["sasaki2019", "alam2014", "sasaki2019"])
    assert isinstance(shown, ReferenceList)
    assert shown.keys == ("alam2014", "sasaki2019")
    assert shown._repr_markdown_() == str(shown) == shown.markdown
    # Sorted by first author; students see authors and year, never the citation key.
    assert shown.markdown.splitlines()[1].startswith("- Sasaki GH (2019).")
    assert "sasaki2019" not in shown.markdown and "alam2014" not in shown.markdown
    assert reference_list(["alam2014"]).markdown == format_reference("alam2014")


def test_a_reference_line_links_the_canonical_record_and_names_the_copy() -> None:
    line = format_reference("alam2014")
    assert "[Record](https://doi.org/10.1001/jamadermatol.2013.8687)" in line
    assert "PMID 24919799" in line
    assert "Text read at [ar.scribd.com](" in line


# --- the report ----------------------------------------------------------------------------------------


def test_citations_index_finds_table_and_row() -> None:
    index = citations_index()
    assert set(index) >= {r.key for r in load_records("references")}
    tables = {c.table for c in index["chu2021"]}
    assert tables, "chu2021 is cited in the tables"
    assert all(c.row and c.column for c in index["chu2021"])


def test_the_report_lists_every_key_with_its_identifiers_and_citers() -> None:
    report = references_report()
    for r in load_records("references"):
        assert f"### {r.key}\n" in report
    section = report.split("### alam2014\n", 1)[1].split("\n### ", 1)[0]
    assert "| DOI | 10.1001/jamadermatol.2013.8687 |" in section
    assert "| PMID | 24919799 |" in section
    assert "| Read at | https://ar.scribd.com/" in section
    assert "| Identifiers checked | PubMed record read" in section
    citing = citations_index()["alam2014"]
    assert citing and str(citing[0]) in section


def test_the_command_line_writes_the_report(tmp_path: Path) -> None:
    out = tmp_path / "references.md"
    done = subprocess.run([sys.executable, "-m", "microlib", "references", "--output", str(out)],
                          cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# References: identifiers, links and what cites them")
    keys = [row["key"] for row in csv.DictReader((REPO / "data" / "references.csv").open(encoding="utf-8"))]
    assert all(f"### {k}\n" in text for k in keys)
    via_check = subprocess.run([sys.executable, "-m", "microlib", "check-data", "--references"],
                               cwd=REPO, capture_output=True, text=True, check=False)
    assert via_check.returncode == 0 and via_check.stdout.startswith("# References")
