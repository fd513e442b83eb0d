"""Skin layers by body site, and what a microneedle of a given length reaches.

The per-site dermis thickness comes from ``data/skin_sites.csv`` (rows with ``in_model`` true: high-frequency
ultrasound at eight face and neck sites, by sex, Meng 2022), with what lies under the dermis at each site (fat,
or at the eyelid the orbicularis oculi muscle). The epidermis and the papillary dermis are not measured per site
in any verified source, so the depth model uses one value for each from ``data/healing_parameters.csv``
(histology ranges: Chopra 2015, Oltulu 2022; Sorrell & Caplan 2004). Where the dermis is thin, the papillary
dermis is capped at a share of it (``papillary_share_max``), so the reticular dermis is never thinner than the
papillary dermis: an illustrative choice, not a measurement.

The needle does not go in to its full length. Only a share of it, the *penetration fraction*, enters the skin,
so ``depth reached = penetration × needle length``. The two studies that measured it disagree (about 0.2 in
rat skin, close to 1 in one patient's skin strips), so the range is 0.2–1.0 with a teaching default of 0.5.

Educational model, not a clinical tool: real depth depends on the device, pressure, passes and skin tension.

Example
-------
>>> from microlib.skin import needle_reach, layer_boundaries
>>> reach = needle_reach(1.5, "forehead", sex="female")
>>> round(reach.depth_mm, 2), reach.deepest_layer
(0.75, 'reticular dermis')
>>> list(layer_boundaries("forehead")["layer"])
['epidermis', 'papillary dermis', 'reticular dermis', 'subcutis']
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from .checks import check_choice, check_range, suggest
from .loader import cached_on_data, load_table
from .tables import StudentTable, student_table

#: Needle lengths devices use, in mm: the range the functions accept.
NEEDLE_RANGE_MM = (0.1, 3.0)
#: The layers, from the surface down, at most sites (at the eyelid the fourth is :data:`MUSCLE`).
LAYERS = ("epidermis", "papillary dermis", "reticular dermis", "subcutis")
#: What lies under the eyelid dermis instead of fat.
MUSCLE = "orbicularis oculi muscle"
SEXES = ("female", "male")


@cached_on_data
def _measurements() -> pd.DataFrame:
    return load_table("skin_sites")


@cached_on_data
def depth_parameters() -> dict[str, tuple[float, float, float]]:
    """Depth-model parameters as ``{key: (default, min, max)}``.

    Keys: ``penetration``, ``epidermis_mm``, ``papillary_mm`` and ``papillary_share_max``.
    """
    table = load_table("healing_parameters")
    rows = table[table["group"] == "depth"]
    return {r.key: (float(r.default), float(r.min), float(r.max)) for r in rows.itertuples()}


def site_table() -> pd.DataFrame:
    """The per-site dermis thickness the model uses: one row per site and sex (mm), with sources."""
    table = _measurements()
    used = table[table["in_model"]]
    return used[["site", "site_group", "sex", "thickness_mm", "beneath", "method", "population", "citations",
                 "verification"]]


@cached_on_data
def _site_names() -> tuple[str, ...]:
    table = site_table()
    order = table[table["sex"] == "female"].sort_values("thickness_mm", kind="stable")
    return tuple(dict.fromkeys(order["site"]))


@cached_on_data
def _dermis_lookup() -> dict[tuple[str, str], float]:
    return {(r.site, r.sex): float(r.thickness_mm) for r in site_table().itertuples()}


@cached_on_data
def _beneath_lookup() -> dict[str, str]:
    return {r.site: str(r.beneath) for r in site_table().itertuples()}


def beneath(site: str) -> str:
    """What lies directly under the dermis at ``site``: ``"subcutis"`` (fat) or, at the eyelid, the muscle.

    >>> beneath("eyelid")
    'orbicularis oculi muscle'
    >>> beneath("forehead")
    'subcutis'
    """
    return _beneath_lookup()[check_site(site)]


def layer_names(site: str) -> tuple[str, str, str, str]:
    """The four layers at ``site`` from the surface down (the fourth is what lies under the dermis)."""
    return (*LAYERS[:3], beneath(site))  # type: ignore[return-value]


def sites() -> list[str]:
    """Names of the sites with a verified per-site dermis thickness, thinnest dermis (women) first."""
    return list(_site_names())


def check_site(site: str) -> str:
    """Return ``site`` if the model knows it, else raise ``ValueError`` listing the allowed sites."""
    allowed = _site_names()
    if site not in allowed:
        raise ValueError(f"site={site!r} has no verified per-site thickness; choose one of: "
                         f"{', '.join(allowed)}{suggest(site, allowed)}")
    return site


def check_sex(sex: str) -> str:
    """Return ``sex`` if it is ``"female"`` or ``"male"``, else raise ``ValueError``."""
    return check_choice("sex", sex, SEXES, "the sources report these two")


def check_needle_mm(needle_mm: float) -> float:
    """Return ``needle_mm`` as a float, or raise: it must be 0.1–3.0 mm (the range devices use)."""
    return check_range("needle_mm", needle_mm, *NEEDLE_RANGE_MM, "mm", "the range devices use")


def check_penetration(penetration: float) -> float:
    """Return ``penetration`` or raise: it must lie in the range the studies span (0.2–1.0)."""
    _, low, high = depth_parameters()["penetration"]
    return check_range("penetration", penetration, low, high, "", "share of the needle that enters the skin")


def dermis_mm(site: str, sex: str = "female") -> float:
    """Dermis thickness at ``site`` for ``sex``, in mm (high-frequency ultrasound, Meng 2022).

    >>> dermis_mm("eyelid", "female")
    0.58
    """
    return _dermis_lookup()[(check_site(site), check_sex(sex))]


def papillary_mm(site: str, sex: str = "female") -> float:
    """Thickness of the papillary dermis used at ``site`` (mm): the typical value, capped at a share of the dermis.

    The typical 0.35 mm would leave the thin eyelid dermis a reticular layer thinner than its papillary layer, the
    opposite of what anatomy describes, so the papillary dermis never takes more than ``papillary_share_max`` (half)
    of the dermis. An illustrative rule, not a per-site measurement.

    >>> papillary_mm("forehead"), papillary_mm("eyelid")
    (0.35, 0.29)
    """
    params = depth_parameters()
    return round(min(params["papillary_mm"][0], params["papillary_share_max"][0] * dermis_mm(site, sex)), 10)


def _layer_tops(site: str, sex: str) -> tuple[float, float, float, float]:
    epidermis = depth_parameters()["epidermis_mm"][0]
    dermis_bottom = epidermis + dermis_mm(site, sex)
    papillary_bottom = epidermis + papillary_mm(site, sex)
    return (0.0, round(epidermis, 10), round(papillary_bottom, 10), round(dermis_bottom, 10))


def layer_boundaries(site: str, sex: str = "female") -> pd.DataFrame:
    """The skin layers at ``site``, from the surface down, as depths in mm.

    Parameters
    ----------
    site:
        One of :func:`sites` (face and neck sites with a verified dermis thickness).
    sex:
        ``"female"`` or ``"male"``.

    Returns
    -------
    DataFrame with one row per layer: ``layer``, ``top_mm``, ``bottom_mm`` (``inf`` for the layer under the
    dermis, which continues below) and ``basis`` (where the boundary comes from). The epidermis and papillary
    depth are single typical values, not per-site measurements. The fourth layer is the ``subcutis`` (fat), or
    at the eyelid the ``orbicularis oculi muscle``.

    Example
    -------
    >>> eyelid = layer_boundaries("eyelid").set_index("layer")
    >>> round(float(eyelid.loc["reticular dermis", "bottom_mm"]), 2)
    0.63
    >>> list(eyelid.index)[-1]
    'orbicularis oculi muscle'
    """
    _, epidermis, papillary_bottom, dermis_bottom = _layer_tops(site, sex)
    dermis = dermis_bottom - epidermis
    below = beneath(site)
    return pd.DataFrame(
        {
            "layer": list(layer_names(site)),
            "top_mm": [0.0, epidermis, papillary_bottom, dermis_bottom],
            "bottom_mm": [epidermis, papillary_bottom, dermis_bottom, math.inf],
            "basis": [
                "one typical facial value (histology range 0.03–0.125 mm)",
                "about 0.3–0.4 mm below the epidermis (general anatomy), at most half the dermis",
                f"dermis at this site: {dermis:.2f} mm (ultrasound, {sex})",
                "almost no fat under eyelid skin: the muscle lies below" if below == MUSCLE else "fat below the dermis",
            ],
        }
    )


@dataclass(frozen=True)
class NeedleReach:
    """What one needle setting reaches at one site.

    Attributes: ``needle_mm`` (nominal length), ``penetration`` (share that enters), ``depth_mm`` (depth of the
    channel), ``layers_reached`` (surface down to the deepest layer touched), ``deepest_layer``,
    ``dermis_depth_mm`` (how far into the dermis) and ``dermis_fraction`` (share of the site's dermis
    thickness that is needled, 0–1).
    """

    needle_mm: float
    penetration: float
    site: str
    sex: str
    depth_mm: float
    layers_reached: tuple[str, ...]
    deepest_layer: str
    dermis_depth_mm: float
    dermis_fraction: float


def needle_reach(needle_mm: float, site: str, sex: str = "female", penetration: float | None = None) -> NeedleReach:
    """Depth reached by a needle of nominal length ``needle_mm`` at ``site``, and the layers it touches.

    Parameters
    ----------
    needle_mm:
        Nominal needle length in mm (0.1–3.0).
    site, sex:
        Body site (see :func:`sites`) and ``"female"``/``"male"``.
    penetration:
        Share of the nominal length that really enters the skin (0.2–1.0; default from the data, 0.5).

    Returns
    -------
    :class:`NeedleReach`.

    Example
    -------
    >>> r = needle_reach(0.5, "neck", penetration=0.2)
    >>> r.deepest_layer, round(r.dermis_fraction, 3)
    ('papillary dermis', 0.051)
    """
    needle_mm = check_needle_mm(needle_mm)
    if penetration is None:
        penetration = depth_parameters()["penetration"][0]
    penetration = check_penetration(penetration)
    tops = _layer_tops(site, sex)
    depth = penetration * needle_mm
    reached = tuple(layer for layer, top in zip(layer_names(site), tops, strict=True) if top < depth)
    epidermis = tops[1]
    dermis = tops[3] - epidermis
    into_dermis = min(max(depth - epidermis, 0.0), dermis)
    return NeedleReach(
        needle_mm=needle_mm,
        penetration=penetration,
        site=site,
        sex=sex,
        depth_mm=round(depth, 10),
        layers_reached=reached,
        deepest_layer=reached[-1],
        dermis_depth_mm=round(into_dermis, 10),
        dermis_fraction=round(into_dermis / dermis, 10),
    )


def reach_table(needle_lengths: list[float], site: str, sex: str = "female",
                penetration: float | None = None) -> pd.DataFrame:
    """:func:`needle_reach` for several needle lengths, as a tidy table (one row per length)."""
    rows = [needle_reach(length, site, sex, penetration) for length in needle_lengths]
    return pd.DataFrame(
        {
            "needle_mm": [r.needle_mm for r in rows],
            "depth_mm": [r.depth_mm for r in rows],
            "deepest_layer": [r.deepest_layer for r in rows],
            "dermis_fraction": [r.dermis_fraction for r in rows],
        }
    )


def reach_by_penetration(needle_mm: float, site: str, sex: str = "female",
                         penetrations: tuple[float, ...] = (0.2, 0.5, 1.0)) -> pd.DataFrame:
    """:func:`needle_reach` for one needle and several penetration fractions (one row each).

    >>> list(reach_by_penetration(1.0, "eyelid")["deepest_layer"])
    ['papillary dermis', 'reticular dermis', 'orbicularis oculi muscle']
    """
    rows = [needle_reach(needle_mm, site, sex, p) for p in penetrations]
    return pd.DataFrame({"penetration": [r.penetration for r in rows], "depth_mm": [r.depth_mm for r in rows],
                         "deepest_layer": [r.deepest_layer for r in rows]})


def thickness_ranges() -> pd.DataFrame:
    """Every measured layer thickness in the data, including sources that give only ranges across sites.

    Useful to show how much sources and populations disagree (histology vs ultrasound; Anatolian archival
    samples vs cadavers).
    """
    table = _measurements()
    return table[["site", "site_group", "sex", "layer", "statistic", "thickness_mm", "sd_mm", "method",
                  "population", "citations", "verification"]]


# ------------------------------------------------------------------------------------------- tables for students
def author_year(keys: tuple[str, ...] | list[str]) -> str:
    """Citation keys as readable text for students: ``("meng2022",)`` → ``"Meng 2022"``.

    The first author's surname (the first "Surname AB" in the author field), else the organisation or, when no
    author was recorded, the title; then the year. Several keys are joined with "; ".
    """
    references = load_table("references").set_index("key")
    parts = []
    for key in keys:
        row = references.loc[key]
        authors = str(row["authors"])
        surname = re.search(r"\b([A-Z][A-Za-z'-]+(?:-[A-Z][a-z]+)?) [A-Z]{1,3}\b", authors)
        if surname:
            name = surname.group(1)
        elif "not recorded" in authors.lower():
            name = str(row["title"]).split(" (")[0]
        else:
            name = authors.split(" (")[0]
        parts.append(f"{name} {row['year']}")
    return "; ".join(parts)


def dermis_student_table() -> StudentTable:
    """Table of the per-site dermis thickness (women and men) and what lies under it, thinnest first."""
    table = site_table()
    wide = table.pivot(index="site", columns="sex", values="thickness_mm").reset_index()
    wide["beneath"] = wide["site"].map(lambda s: "muscle (orbicularis oculi), almost no fat" if beneath(s) == MUSCLE
                                       else "fat (subcutis)")
    wide = wide.sort_values(["female", "site"], kind="stable")
    return student_table(
        wide, columns=["site", "female", "male", "beneath"],
        labels={"site": "Site", "female": "Dermis, women (mm)", "male": "Dermis, men (mm)",
                "beneath": "What lies under the dermis"},
        decimals={"female": 2, "male": 2},
        caption="Table 1. Dermis thickness at eight face and neck sites, measured by high-frequency ultrasound "
                "in 118 healthy adults (Meng 2022), thinnest first.",
    )


def ranges_student_table() -> StudentTable:
    """Table of the sources that give only the thinnest and thickest site, to show how much sources disagree."""
    table = thickness_ranges()
    rows = table[table["statistic"] != "site_mean"].copy()
    rows["source"] = rows["citations"].map(author_year)
    rows["end"] = rows["statistic"].map({"lowest_site_mean": "thinnest site", "highest_site_mean": "thickest site"})
    rows["who"] = rows["sex"].map({"female": "women", "male": "men", "both": "women and men"})
    return student_table(
        rows, columns=["source", "layer", "end", "site", "who", "thickness_mm", "method"],
        labels={"source": "Source", "layer": "Layer", "end": "End of the range", "site": "Site",
                "who": "Measured in", "thickness_mm": "Thickness (mm)", "method": "Method"},
        decimals={"thickness_mm": 3},
        caption="Table 2. Sources that report only the thinnest and thickest site (Chopra 2015: cadaver "
                "histology; Oltulu 2018 and 2022: archival histology from an Anatolian population).",
    )


def reach_student_table(needle_lengths: list[float], site: str, sex: str = "female",
                        penetration: float | None = None, caption: str | None = None) -> StudentTable:
    """:func:`reach_table` rendered for reading: length, depth reached, layer and share of the dermis."""
    table = reach_table(needle_lengths, site, sex, penetration)
    table["dermis_pct"] = 100 * table["dermis_fraction"]
    used = depth_parameters()["penetration"][0] if penetration is None else penetration
    who = {"female": "a woman", "male": "a man"}[check_sex(sex)]
    return student_table(
        table, columns=["needle_mm", "depth_mm", "deepest_layer", "dermis_pct"],
        labels={"needle_mm": "Needle length (mm)", "depth_mm": "Depth reached (mm)",
                "deepest_layer": "Layer where the needle ends", "dermis_pct": "Share of the dermis reached (%)"},
        decimals={"needle_mm": 2, "depth_mm": 2, "dermis_pct": 0},
        caption=caption or f"Depth reached at the {site} of {who} with a penetration fraction of {used:g}.",
    )


def depth_parameter_student_table() -> StudentTable:
    """The depth-model parameters (penetration, epidermis, papillary dermis) with their range and why."""
    table = load_table("healing_parameters")
    rows = table[table["group"] == "depth"].copy()
    rows["range"] = [f"{r.min:g}–{r.max:g}" for r in rows.itertuples()]
    rows["unit_text"] = rows["unit"].map({"fraction": "share (0–1)", "mm": "mm"}).fillna(rows["unit"])
    rows["sources"] = rows["citations"].map(author_year)
    rows["checked"] = rows["verification"].map({"primary": "read in the original",
                                                "secondary": "read in a copy or abstract",
                                                "commercial": "commercial material"})
    return student_table(
        rows, columns=["meaning", "default", "range", "unit_text", "justification", "sources", "checked"],
        labels={"meaning": "What it is", "default": "Value used", "range": "Plausible range",
                "unit_text": "Unit", "justification": "Why", "sources": "Sources", "checked": "How checked"},
        caption="Table 3. The depth model's four numbers, with their plausible ranges and why.",
    )
