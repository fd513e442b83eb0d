"""Skin layers by body site, and what a microneedle of a given length reaches.

The per-site dermis thickness comes from ``data/skin_sites.csv`` (rows with ``in_model`` true: high-frequency
ultrasound at eight face and neck sites, by sex, Meng 2022). The epidermis and the papillary dermis are not
measured per site in any verified source, so the depth model uses one value for each from
``data/healing_parameters.csv`` (histology ranges: Chopra 2015, Oltulu 2022; Sorrell & Caplan 2004).

The needle does not go in to its full length. Only a share of it, the *penetration fraction* (0.2–0.8 in the
literature, default 0.5), enters the skin, so ``depth reached = penetration × needle length``.

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
from dataclasses import dataclass
from functools import cache

import pandas as pd

from .loader import load_table

#: Needle lengths devices use, in mm: the range the functions accept.
NEEDLE_RANGE_MM = (0.1, 3.0)
#: The layers, from the surface down.
LAYERS = ("epidermis", "papillary dermis", "reticular dermis", "subcutis")
SEXES = ("female", "male")


def check_range(name: str, value: float, low: float, high: float, unit: str = "", why: str = "") -> float:
    """Return ``value`` as a float, or raise ``ValueError`` naming the argument, its value and the allowed range.

    >>> check_range("needle_mm", 1.0, 0.1, 3.0, "mm")
    1.0
    """
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name}={value!r} is not a number; expected {low:g}–{high:g} {unit}".rstrip()) from None
    if not (math.isfinite(number) and low <= number <= high):
        reason = f" ({why})" if why else ""
        raise ValueError(f"{name}={value!r} is outside {low:g}–{high:g} {unit}{reason}".replace("  ", " "))
    return number


@cache
def _measurements() -> pd.DataFrame:
    return load_table("skin_sites")


@cache
def depth_parameters() -> dict[str, tuple[float, float, float]]:
    """Depth-model parameters as ``{key: (default, min, max)}`` (penetration, epidermis_mm, papillary_mm)."""
    table = load_table("healing_parameters")
    rows = table[table["group"] == "depth"]
    return {r.key: (float(r.default), float(r.min), float(r.max)) for r in rows.itertuples()}


def site_table() -> pd.DataFrame:
    """The per-site dermis thickness the model uses: one row per site and sex (mm), with sources."""
    table = _measurements()
    used = table[table["in_model"]]
    return used[["site", "site_group", "sex", "thickness_mm", "method", "population", "citations", "verification"]]


@cache
def _site_names() -> tuple[str, ...]:
    table = site_table()
    order = table[table["sex"] == "female"].sort_values("thickness_mm", kind="stable")
    return tuple(dict.fromkeys(order["site"]))


@cache
def _dermis_lookup() -> dict[tuple[str, str], float]:
    return {(r.site, r.sex): float(r.thickness_mm) for r in site_table().itertuples()}


def sites() -> list[str]:
    """Names of the sites with a verified per-site dermis thickness, thinnest dermis (women) first."""
    return list(_site_names())


def check_site(site: str) -> str:
    """Return ``site`` if the model knows it, else raise ``ValueError`` listing the allowed sites."""
    allowed = _site_names()
    if site not in allowed:
        raise ValueError(
            f"site={site!r} has no verified per-site thickness; choose one of: {', '.join(allowed)}"
        )
    return site


def check_sex(sex: str) -> str:
    """Return ``sex`` if it is ``"female"`` or ``"male"``, else raise ``ValueError``."""
    if sex not in SEXES:
        raise ValueError(f"sex={sex!r} is not one of: {', '.join(SEXES)} (the sources report these two)")
    return sex


def check_needle_mm(needle_mm: float) -> float:
    """Return ``needle_mm`` as a float, or raise: it must be 0.1–3.0 mm (the range devices use)."""
    return check_range("needle_mm", needle_mm, *NEEDLE_RANGE_MM, "mm", "the range devices use")


def check_penetration(penetration: float) -> float:
    """Return ``penetration`` or raise: it must lie in the literature range (0.2–0.8)."""
    _, low, high = depth_parameters()["penetration"]
    return check_range("penetration", penetration, low, high, "", "share of the needle that enters the skin")


def dermis_mm(site: str, sex: str = "female") -> float:
    """Dermis thickness at ``site`` for ``sex``, in mm (high-frequency ultrasound, Meng 2022).

    >>> dermis_mm("eyelid", "female")
    0.58
    """
    return _dermis_lookup()[(check_site(site), check_sex(sex))]


def _layer_tops(site: str, sex: str) -> tuple[float, float, float, float]:
    params = depth_parameters()
    epidermis = params["epidermis_mm"][0]
    dermis_bottom = epidermis + dermis_mm(site, sex)
    papillary_bottom = min(epidermis + params["papillary_mm"][0], dermis_bottom)
    return (0.0, epidermis, papillary_bottom, dermis_bottom)


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
    DataFrame with one row per layer: ``layer``, ``top_mm``, ``bottom_mm`` (``inf`` for the subcutis, which
    continues below) and ``basis`` (where the boundary comes from). The epidermis and papillary depth are
    single typical values, not per-site measurements.

    Example
    -------
    >>> eyelid = layer_boundaries("eyelid").set_index("layer")
    >>> round(float(eyelid.loc["reticular dermis", "bottom_mm"]), 2)
    0.63
    """
    _, epidermis, papillary_bottom, dermis_bottom = _layer_tops(site, sex)
    dermis = dermis_bottom - epidermis
    return pd.DataFrame(
        {
            "layer": list(LAYERS),
            "top_mm": [0.0, epidermis, papillary_bottom, dermis_bottom],
            "bottom_mm": [epidermis, papillary_bottom, dermis_bottom, math.inf],
            "basis": [
                "one typical facial value (histology range 0.03–0.125 mm)",
                "about 0.3–0.4 mm below the epidermis (general anatomy)",
                f"dermis at this site: {dermis:.2f} mm (ultrasound, {sex})",
                "below the dermis",
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
        Share of the nominal length that really enters the skin (0.2–0.8; default from the data, 0.5).

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
    reached = tuple(layer for layer, top in zip(LAYERS, tops, strict=True) if top < depth)
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


def thickness_ranges() -> pd.DataFrame:
    """Every measured layer thickness in the data, including sources that give only ranges across sites.

    Useful to show how much sources and populations disagree (histology vs ultrasound; Anatolian archival
    samples vs cadavers).
    """
    table = _measurements()
    return table[["site", "site_group", "sex", "layer", "statistic", "thickness_mm", "sd_mm", "method",
                  "population", "citations", "verification"]]
