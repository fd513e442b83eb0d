"""Schema of ``data/references.csv``: every source a number, claim or rule in the package cites.

Two addresses are kept apart. ``url`` is the link a student is shown and must go to the canonical record:
``https://doi.org/<doi>`` when the source has a DOI, otherwise its PubMed (or PMC) record, a regulator's own
page for a regulatory document, or the owner's own page. ``read_at`` is where the text was actually read
when that was somewhere else (a document-sharing site, a mirror, a clinic's copy of an agency page …).
"""

from __future__ import annotations

import ipaddress
from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, model_validator

from .common import KEY_PATTERN, Row, TableSpec, Verification

SourceKind = Literal["primary", "review", "secondary copy", "commercial", "regulatory"]
PublicationType = Literal[
    "journal article", "book chapter", "regulatory document", "device label or manual", "web page",
]

DOI_PATTERN = r"^10\.\d{4,9}/\S+$"
PMCID_PATTERN = r"^PMC\d+$"

#: Hosts of regulators whose own pages are the canonical record of a regulatory document (a host matches
#: itself and its subdomains).
REGULATOR_HOSTS: tuple[str, ...] = (
    "fda.gov", "ecfr.gov", "federalregister.gov", "govinfo.gov", "legislation.gov.uk", "gov.uk",
    "tga.gov.au", "legislation.gov.au", "eur-lex.europa.eu", "health.ec.europa.eu", "ec.europa.eu",
)
#: Hosts that only ever hold copies, mirrors, translations or index entries of someone else's text: they may
#: appear in ``read_at`` but never in ``url``.
COPY_HOSTS: tuple[str, ...] = (
    "scribd.com", "pdfslide.net", "vdocuments.site", "docslib.org", "abcdocz.com", "docksci.com",
    "esmanual.top", "lingoexp.com", "laibokeji.com", "wilddata.cn", "bohrium.com", "bohrium.dp.tech",
    "passeidireto.com", "researchgate.net", "litmetric.com", "qxmd.com", "readbyqxmd.com", "ouci.dntb.gov.ua",
    "scilit.com", "ebusca.uv.mx", "okayd.com", "tressless.com", "plasticsurgerykey.com", "booksc.org",
    "researcher.life", "unibo.it", "dermaskin1.com", "cellscience.id", "medicalxpress.com", "cmsderm.ca",
    "doaj.org", "integrativedryneedling.com",
)


def host_of(url: str) -> str:
    """The lower-case host name of an address (``''`` when there is none)."""
    return (urlsplit(url).hostname or "").lower()


def host_matches(host: str, allowed: tuple[str, ...]) -> bool:
    """True when ``host`` is one of ``allowed`` or a subdomain of one."""
    return any(host == a or host.endswith("." + a) for a in allowed)


def is_bare_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def canonical_doi_url(doi: str) -> str:
    return f"https://doi.org/{doi}"


def canonical_pubmed_url(pmid: int) -> str:
    return f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/"


def canonical_pmc_url(pmcid: str) -> str:
    return f"https://pmc.ncbi.nlm.nih.gov/articles/{pmcid}/"


class Reference(Row):
    key: str = Field(pattern=KEY_PATTERN, description="Citation key used by every other table, e.g. `lotfi2013`.")
    authors: str = Field(min_length=2, description="Authors as published (first author et al. for long lists).")
    year: int = Field(ge=1950, le=2026, description="Year of publication: for a journal article the year it was "
                      "first published online (the printed issue can be a year later; the note says so), the same "
                      "year as the study row about it; for an undated web page, the year of the version read.")
    title: str = Field(min_length=3, description="Title of the article, label, regulation or web page.")
    journal: str | None = Field(None, description="Journal, publisher or site; empty for a regulation.")
    publication_type: PublicationType = Field(
        description="What the source is; a `journal article` must have a DOI or PMID or a `no_identifier_reason`."
    )
    doi: str | None = Field(
        None, pattern=DOI_PATTERN, description="DOI without the https prefix, e.g. `10.1093/asjof/ojz017`."
    )
    pmid: int | None = Field(None, ge=1, description="PubMed identifier (digits only), where one was seen.")
    pmcid: str | None = Field(None, pattern=PMCID_PATTERN, description="PubMed Central identifier, e.g. `PMC7671250`.")
    no_identifier_reason: str | None = Field(
        None, description="Why a journal article has neither DOI nor PMID (e.g. `not found in searchable records`)."
    )
    identifiers_checked: str | None = Field(
        None, description="How the DOI/PMID/PMCID were verified (e.g. `PubMed record read`); required with any of them."
    )
    url: str | None = Field(
        None, pattern=r"^https?://\S+$",
        description="Canonical link shown to students: `https://doi.org/<doi>` when there is a DOI, else the "
        "PubMed or PMC record, a regulator's own page (fda.gov, ecfr.gov, legislation.gov.uk, tga.gov.au, "
        "eur-lex.europa.eu …) or the owner's own page; never a copy or mirror.",
    )
    read_at: str | None = Field(
        None, pattern=r"^https?://\S+$", description="Where the text was actually read, when that was not `url`."
    )
    source_kind: SourceKind = Field(description="What kind of source this is.")
    verification: Verification = Field(
        description="How the reference itself was checked: read at the primary source, in a secondary copy, "
        "in commercial material, or not confirmed (unverified)."
    )
    note: str | None = Field(None, description="What was and was not readable; caveats.")

    @model_validator(mode="after")
    def _identifiers_and_links(self) -> Reference:
        has_id = self.doi is not None or self.pmid is not None
        if self.publication_type == "journal article" and not has_id and not self.no_identifier_reason:
            raise ValueError("a journal article needs a doi or a pmid, or a no_identifier_reason saying why "
                             "neither is given (e.g. 'not found in searchable records')")
        if (has_id or self.pmcid) and not self.identifiers_checked:
            raise ValueError("identifiers_checked must say how the doi/pmid/pmcid were verified "
                             "(e.g. 'PubMed record read')")
        if self.url is not None:
            problem = canonical_url_problem(self)
            if problem:
                raise ValueError(problem)
        if self.read_at is not None and self.read_at == self.url:
            raise ValueError("read_at repeats url; leave read_at empty when the text was read at the canonical link")
        return self


def canonical_url_problem(ref: Reference) -> str | None:
    """Why ``ref.url`` is not the canonical link for this reference, or ``None`` when it is."""
    url = ref.url or ""
    host = host_of(url)
    if ref.doi is not None:
        expected = canonical_doi_url(ref.doi)
        return None if url == expected else f"url {url!r} should be the DOI link {expected!r} (keep copies in read_at)"
    if ref.pmid is not None:
        allowed = [canonical_pubmed_url(ref.pmid)] + ([canonical_pmc_url(ref.pmcid)] if ref.pmcid else [])
        return None if url in allowed else (
            f"url {url!r} should be the PubMed record {allowed[0]!r} (keep copies in read_at)")
    if ref.pmcid is not None:
        expected = canonical_pmc_url(ref.pmcid)
        return None if url == expected else f"url {url!r} should be the PMC record {expected!r}"
    if ref.publication_type == "regulatory document" and not host_matches(host, REGULATOR_HOSTS):
        return (f"url host {host!r} is not a regulator's own site; expected one of {', '.join(REGULATOR_HOSTS)} "
                "(keep copies in read_at)")
    if is_bare_ip(host) or host_matches(host, COPY_HOSTS):
        return f"url host {host!r} holds copies, not the canonical record; move it to read_at"
    return None


SPEC = TableSpec(
    file="references.csv",
    row_model=Reference,
    description="One row per source cited anywhere in the package. `url` is the canonical record shown to "
    "students; `read_at` is where the text was read when that was a copy.",
    citation_columns=(),
)
