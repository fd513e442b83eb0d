"""Argument checks shared by every module: numeric ranges, allowed values and "closest match" hints.

Every message names the argument, the value given and what is allowed, so a student who mistypes a site or
a trainer who sets a parameter out of range sees at once what to change.

Example
-------
>>> from microlib.checks import check_choice, check_range
>>> check_range("needle_mm", 1.0, 0.1, 3.0, "mm")
1.0
>>> check_choice("variant", "textbok", ("default", "textbook"))
Traceback (most recent call last):
...
ValueError: variant='textbok' is not one of: default, textbook (closest: 'textbook')
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")


def closest(value: object, allowed: Iterable[object]) -> str | None:
    """The allowed value that looks most like ``value`` (as text), or ``None`` when nothing is close.

    >>> closest("forhead", ["forehead", "neck"])
    'forehead'
    >>> closest("xyz", ["forehead", "neck"]) is None
    True
    """
    matches = difflib.get_close_matches(str(value), [str(a) for a in allowed], n=1)
    return matches[0] if matches else None


def suggest(value: object, allowed: Iterable[object]) -> str:
    """``" (closest: 'x')"`` when an allowed value is close to ``value``, else ``""``: to append to a message.

    >>> suggest("dermiss", ["dermis", "epidermis"])
    " (closest: 'dermis')"
    """
    match = closest(value, allowed)
    return f" (closest: {match!r})" if match is not None else ""


def check_range(name: str, value: float, low: float, high: float, unit: str = "", why: str = "") -> float:
    """Return ``value`` as a float, or raise ``ValueError`` naming the argument, its value and the allowed range.

    >>> check_range("days", 800, 1, 730, "days", "the model is not valid beyond 2 years")
    Traceback (most recent call last):
    ...
    ValueError: days=800 is outside 1–730 days (the model is not valid beyond 2 years)
    """
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name}={value!r} is not a number; expected {low:g}–{high:g} {unit}".rstrip()) from None
    if not (math.isfinite(number) and low <= number <= high):
        reason = f" ({why})" if why else ""
        raise ValueError(f"{name}={value!r} is outside {low:g}–{high:g} {unit}{reason}".replace("  ", " "))
    return number


def check_whole(name: str, value: float, low: int, high: int, unit: str = "", why: str = "") -> int:
    """Like :func:`check_range`, and the value must also be a whole number (``True``/``False`` are refused).

    >>> check_whole("sessions", 2.5, 0, 8, "sessions")
    Traceback (most recent call last):
    ...
    ValueError: sessions=2.5 is not a whole number; expected 0–8
    """
    try:
        whole = not isinstance(value, bool) and float(value).is_integer()
    except (TypeError, ValueError, OverflowError):
        whole = False
    if not whole:
        raise ValueError(f"{name}={value!r} is not a whole number; expected {low:g}–{high:g}")
    return int(check_range(name, value, low, high, unit, why))


def check_choice(name: str, value: T, allowed: Iterable[T], why: str = "") -> T:
    """Return ``value`` if it is one of ``allowed``, else raise ``ValueError`` listing them and the closest one.

    >>> check_choice("sex", "female", ("female", "male"))
    'female'
    """
    options = list(allowed)
    if value not in options:
        reason = f" ({why})" if why else ""
        raise ValueError(f"{name}={value!r} is not one of: {', '.join(map(str, options))}"
                         f"{suggest(value, options)}{reason}")
    return value


def check_names(given: Iterable[str], known: Iterable[str], what: str, values: dict[str, object] | None = None
                ) -> None:
    """Raise ``ValueError`` for the first name in ``given`` that is not in ``known`` (e.g. keyword overrides).

    >>> check_names(["gain_scal"], ["gain_scale", "penetration"], "a model parameter")
    Traceback (most recent call last):
    ...
    ValueError: gain_scal is not a model parameter (closest: 'gain_scale'); known: gain_scale, penetration
    """
    names = list(known)
    for name in given:
        if name not in names:
            shown = f"{name}={values[name]!r}" if values is not None and name in values else name
            raise ValueError(f"{shown} is not {what}{suggest(name, names)}; known: {', '.join(names)}")


__all__ = ["check_choice", "check_names", "check_range", "check_whole", "closest", "suggest"]
