r"""A small, calibrated teaching model of what the skin does after microneedling sessions.

Five linked "leaky buckets", each emptying with its own half-life (time *t* in days):

.. math::

    D' &= -k_D D + \sum_k u_k\,\delta(t - t_k)  &&\text{injury signal, topped up by each session}\\
    I' &= a_I D - k_I I                           &&\text{inflammation index}\\
    F' &= a_F I - k_F F                           &&\text{extra activated fibroblasts}\\
    C_3' &= s_3 F - k_r C_3                       &&\text{new type III collagen}\\
    C_1' &= s_1 F + k_r C_3 - k_d C_1             &&\text{new type I collagen}

with every rate ``k = ln 2 / half-life``. The term ``k_r C_3`` is *replacement* (type III is broken down and
type I laid down in its place), written as a transfer to keep the model small; it is not a chemical conversion.
``C_1`` and ``C_3`` are fractions of the baseline collagen of the needled layer (0.53 = +53 %).

Why a closed form: the system is linear and lower-triangular, so the response to one session is a sum of
exponentials (a Bateman chain, as for radioactive decay chains) and a schedule is the **superposition** of
shifted single-session responses. That is exact, and fast enough to run 10,000 scenarios at once.

Design choices (documented here because students will ask):

- **One fitted number.** The collagen gain *G* (collagen laid down per reference session) is fitted by
  :func:`calibrate` so that the Lotfi 2013 protocol gives +53.2 % (``data/calibration_targets.csv``). It is
  re-fitted whenever the kinetic parameters change, so every variant still reproduces that one observation;
  ``gain_scale`` then moves *G* away from the fit (0.5–1.5) to express how uncertain it is.
- **Depth.** A session counts fully for the needled layer (what biopsies sample) when the needle reaches the
  dermis at all; the whole-dermis output is scaled by the share of the site's dermis reached
  (:func:`microlib.skin.needle_reach`). Needles longer than the dermis add nothing in this model.
- **Validity limits raise errors.** More than 8 sessions, more than 730 days (2 years), or any parameter outside
  its plausible range in ``data/healing_parameters.csv`` raises ``ValueError`` naming the limit. We chose errors
  over a warning column because a DataFrame column is easy to ignore and a linear model extrapolates badly.
- **Textbook variant.** ``variant="textbook"`` makes all new collagen type III first (``f3_new = 1``), so type III
  rises before type I as in human wound histology; its cost is a type III overshoot no study reports.
- **Normalisation.** ``inflammation`` and ``fibroblasts`` are 1 at the peak after one reference session with
  the default half-lives. They are indices, not measured cell counts.

Education only: this is a caricature for building intuition, not a tool to plan anyone's treatment.

Where the code lives (this module is the public face; import from here):

- :mod:`microlib.healing_model`: parameters, validity limits, the closed-form kernel;
- :mod:`microlib.calibration`: the fit of *G* and the model as a matrix ODE;
- :mod:`microlib.healing_simulation`: one schedule, its uncertainty band, many scenarios at once;
- :mod:`microlib.healing_scenarios`: named study protocols, the validation table, sensitivity, citations.

Example
-------
>>> from microlib.healing import simulate
>>> df = simulate(sessions=5, interval_days=30, needle_mm=1.5, site="zygoma (cheekbone)", days=180)
>>> round(float(df.loc[176, "new_collagen_pct"]), 1)
53.2
"""

from __future__ import annotations

# Every public name of the four modules (tests/test_healing.py checks that each is importable from here).
from .calibration import *  # noqa: F403
from .calibration import __all__ as _calibration_all
from .healing_model import *  # noqa: F403
from .healing_model import __all__ as _model_all
from .healing_scenarios import *  # noqa: F403
from .healing_scenarios import __all__ as _scenarios_all
from .healing_simulation import *  # noqa: F403
from .healing_simulation import __all__ as _simulation_all

__all__ = [*_model_all, *_calibration_all, *_scenarios_all, *_simulation_all]
