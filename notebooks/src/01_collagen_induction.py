# %% [markdown]
# # The collagen-induction mechanism: what the needle reaches and what the skin does next
#
# Microneedling is sold as "collagen induction". This lesson takes that phrase apart: which skin layers a needle
# of a given length reaches, what a wound sets off in the skin, and why results are described over several
# sessions and months. A small model, fitted to one published number, lets you explore schedules, and the lesson
# is as clear about what that model **cannot** tell you as about what it shows.
#
# > **Education, not medical advice.** The depth explorer and the healing model are teaching caricatures. They
# > must not be used to choose a needle length, a schedule or a treatment for any real person.

# %% [markdown]
# ## Overview
#
# By the end of this notebook you will be able to:
#
# 1. **Name** the skin layers in order and **state** how thick the dermis is at common face and neck sites,
#    and from which kind of measurement.
# 2. **Calculate** the depth a needle reaches from its nominal length and a penetration fraction, and
#    **identify** the layer it ends in.
# 3. **Describe** the wound-healing cascade after a needle injury and **distinguish** general wound-healing
#    time windows from microneedling measurements.
# 4. **Explain** the five-stage model, each parameter's meaning and source, and how one study fixes its gain.
# 5. **Predict** how the number of sessions, their spacing and the needle length change the model's curves,
#    then **check** the prediction with the explorer.
# 6. **Judge** a collagen claim against the calibration table, including the popular "400 %" figure, and
#    **list** what the model cannot claim.

# %% [markdown]
# ## Prerequisites
#
# | Concept | Importance |
# |---|---|
# | [Start here](00_start_here.ipynb): running cells and using widgets | Necessary |
# | Basic biology: cells, proteins, what a wound is | Necessary |
# | Half-life (a quantity that halves at a steady pace) | Helpful |
# | Reading a chart with two panels and a shaded band | Helpful |
#
# ## Time to learn
#
# About **60 minutes**: 30 minutes reading, 15 minutes with the two explorers, 15 minutes for the two
# exercises. Trainers: sections 1–3 make a 20-minute block on their own.

# %%
from IPython.display import Markdown, display

from microlib import healing, skin
from microlib.apps.mechanism import build_depth_app, build_healing_app
from microlib.loader import load_table
from microlib.plots.mechanism import healing_phases, protocol_comparison
from microlib.references import display_references, verification_legend

# %% [markdown]
# ## 1. Skin anatomy: the layers and how thick they are
#
# From the surface down, skin has an **epidermis** (a thin sheet of cells with no blood vessels), the
# **dermis** (connective tissue: collagen, elastic fibres, vessels, nerves and fibroblasts, the cells that make
# collagen) and below it the **subcutis** (fat). The dermis has two parts: a thin, loose **papillary dermis**
# just under the epidermis and the thicker, denser **reticular dermis** below it.
#
# Collagen induction is about the dermis, so its thickness matters. The depth explorer uses per-site values
# measured by high-frequency ultrasound in healthy adults, by sex:

# %%
site_table = skin.site_table()
site_table.pivot(index="site", columns="sex", values="thickness_mm").sort_values("female")

# %% [markdown]
# *Table 1. Dermis thickness (mm) at eight face and neck sites, women and men (Meng 2022, ultrasound). These
# are the only per-site values the model uses.*
#
# Other verified sources give **only a range across sites**, so they cannot be used per site; they show how
# much measurements disagree with each other:

# %%
ranges = skin.thickness_ranges()
ranges[ranges["statistic"] != "site_mean"][
    ["layer", "statistic", "site", "sex", "thickness_mm", "method", "population", "verification"]
]

# %% [markdown]
# *Table 2. Lowest and highest site means reported by studies that give ranges (Chopra 2015 cadaver histology;
# Oltulu 2018 and 2022 archival histology from an Anatolian population).*
#
# Three things to notice:
#
# - **Method changes the answer.** Ultrasound reads the epidermis thicker than histology, which is why the
#   model takes the epidermis from histology and the dermis from ultrasound.
# - **Population changes the answer.** The Oltulu authors report thicker skin in their Anatolian archival
#   samples than in other groups, and archival tissue shrinks during processing. Treat every value as one
#   population's, not a universal norm.
# - **Body sites differ several-fold**: the body regions in Oltulu 2018 have a dermis several times thicker
#   than the face. The explorer therefore offers only face and neck sites with a verified per-site value.

# %% [markdown]
# ## 2. What the needle reaches
#
# A needle does not go in to its full nominal length: the skin dents, stretches and pushes back. The share that
# really enters is the **penetration fraction**. It has never been measured for cosmetic pens or rollers in
# human skin, so the model treats it as uncertain:

# %%
parameters = healing.parameter_table().set_index("key")
parameters.loc[["penetration", "epidermis_mm", "papillary_mm"],
               ["symbol", "meaning", "unit", "default", "min", "max", "justification", "verification"]]

# %% [markdown]
# *Table 3. The three depth parameters, with their plausible ranges and why.*
#
# The depth reached is **penetration × needle length**. With the default penetration, here is what four common
# needle lengths reach on the forehead of a woman:

# %%
skin.reach_table([0.25, 0.5, 1.0, 1.5, 2.0], "forehead", "female")

# %% [markdown]
# You may meet a classification of injuries as *light*, *moderate* or *deep* by needle length, attributed to an
# experimental study by Lima and colleagues (2013, `lima2013`). Only the title page of that study could be checked, not its
# cut-offs, so this lesson does **not** use the classification as data.
#
# ### Explorer 1: skin depth
#
# **Before you move anything**, guess: on which site does a 1.0 mm needle reach furthest *into the dermis, as a
# share of it*? Then change the needle length, the site and the penetration fraction.

# %%
depth_app = build_depth_app(needle_mm=1.5, site="forehead", sex="female", penetration=0.5)
depth_app.widget

# %% [markdown]
# What to notice: the same needle ends in a different layer on different sites and with different penetration
# fractions; at the eyelid, whose dermis is thinnest, a long needle passes right through the dermis into the fat.
# (Static description of the figure: a to-scale section of epidermis, papillary and reticular dermis and subcutis,
# with a needle drawn from the surface to the depth reached.)

# %% [markdown]
# ## 3. What the skin does next: the wound-healing cascade
#
# Each needle makes a tiny wound. A review of microneedling describes what follows like this:

# %%
phases = load_table("healing_phases")
display(Markdown(phases.set_index("key").loc["growth_factor_cascade", "description"]))

# %% [markdown]
# Textbooks divide wound healing into phases: stopping the bleeding, **inflammation** (immune cells clear debris
# and release signals), **proliferation** (fibroblasts multiply and lay down new matrix, first rich in collagen
# type III) and **remodelling** (type III is gradually replaced by the stronger type I). The figure shows the
# time windows that the sources give, labelled with where each comes from.

# %%
healing_phases(phases)

# %% [markdown]
# *Figure 1. Phase windows and histology markers on a log time axis. Blue bars: general wound healing; orange:
# a device maker's description of microneedling; purple: events seen in human surgical wounds; green dotted:
# remodelling that can last a year or more. None of these windows was measured after microneedling.*
#
# What to notice: most timings come from general wound biology, forensic histology or a manufacturer, and only
# the channel closure (rat) and the epidermis recovery (3D skin model) are microneedling observations.
#
# **The sources disagree.** Device makers present the full classical sequence with fixed windows. A review
# argues the opposite:

# %%
display(Markdown("> " + phases.set_index("key").loc["curtailed_claim", "description"]))

# %% [markdown]
# Neither side has measured the phases in people after microneedling. That gap is part of the lesson.

# %% [markdown]
# ## 4. A model of repeated sessions
#
# No published model of the biology after microneedling was found, so this package uses a small, linear
# descendant of published wound-healing models (inflammation → fibroblasts → collagen, as in Segal 2012). Five
# quantities are linked like leaky buckets, each emptying with its own half-life:
#
# $$
# \begin{aligned}
# D' &= -k_D D + \textstyle\sum_k u_k\,\delta(t-t_k) && \text{injury signal, topped up by each session}\\
# I' &= a_I D - k_I I && \text{inflammation index}\\
# F' &= a_F I - k_F F && \text{extra activated fibroblasts}\\
# C_3' &= s_3 F - k_r C_3 && \text{new type III collagen}\\
# C_1' &= s_1 F + k_r C_3 - k_d C_1 && \text{new type I collagen}
# \end{aligned}
# $$
#
# Each rate is $k = \ln 2 / t_{1/2}$. The term $k_r C_3$ stands for **replacement** (type III broken down,
# type I laid down instead), not a chemical conversion. Because the chain is linear, one session's response is a
# sum of exponentials and a schedule is the **sum of its sessions' responses** (superposition); the library
# solves it exactly, and a test checks it against a numerical ODE solver.
#
# Every parameter, its plausible range, why it has that value, and how the source was checked:

# %%
parameters[["symbol", "meaning", "unit", "default", "min", "max", "basis", "citations", "verification"]]

# %% [markdown]
# *Table 4. Model parameters (`data/healing_parameters.csv`; the `justification` column there gives the
# reasoning). `basis` says whether a value is anchored to cited kinetics, fitted, or simply a modelling choice.*
#
# **One number is fitted.** The collagen gain $G$ is set so that the model reproduces a single histology
# result: five monthly 1.5 mm sessions and a biopsy 8 weeks after the last. The fit is computed, not typed in:

# %%
fit = healing.calibrate()
print(f"fitted gain G = {fit.gain:.4f} (collagen laid down per reference session, as a share of baseline)")
print(f"target: {fit.target_pct:+.1f}% on day {fit.readout_day} after {fit.sessions} sessions "
      f"{fit.interval_days} days apart ({fit.target_key})")

# %% [markdown]
# **Depth enters in two ways.** A session counts for the needled layer (what a biopsy samples) once the needle
# reaches the dermis at all. The *whole-dermis* curve scales that by the share of the site's dermis the needle
# reaches, so a deeper needle or a thinner dermis means more of the dermis is remodelled, up to all of it.

# %% [markdown]
# ### Explorer 2: healing curves
#
# Read the two panels first. Top: inflammation and activated fibroblasts (1 = the peak after one session).
# Bottom: new collagen as a change from baseline, with a **shaded band** for the uncertainty of the gain and the
# penetration fraction, plus collagen I and III each against its own baseline. Triangles mark the sessions.

# %%
healing_app = build_healing_app(sessions=3, interval_days=28, needle_mm=1.5, site="forehead")
healing_app.widget

# %% [markdown]
# What to notice: inflammation is over within days of each session, fibroblast activity lasts weeks, and new
# collagen keeps rising for about two months after the last session before slowly falling; collagen III looks
# like a bigger percentage change than collagen I only because its baseline pool is small.
#
# **Textbook variant.** In human wounds collagen III is seen a couple of days before collagen I. The default
# model lays down a fixed mix and cannot show that order. Switch *collagen III model* to `textbook`: all new
# collagen starts as type III, so III visibly rises first. The cost shows up at once: for six sessions two weeks
# apart, collagen III climbs far above anything a study has reported:

# %%
textbook = healing.simulate(6, 14, 1.5, "forehead", 90, variant="textbook")
default = healing.simulate(6, 14, 1.5, "forehead", 90)
print(f"day 90, collagen III vs its baseline: default {default.loc[90, 'collagen_iii']:+.0f}%, "
      f"textbook {textbook.loc[90, 'collagen_iii']:+.0f}%")

# %% [markdown]
# ## 5. Published schedules side by side
#
# Three studies used different schedules: three sessions two weeks apart (Alam 2014), five monthly sessions
# (Dogra 2014) and six sessions two weeks apart (El-Domyati 2015). Their needle lengths could not be confirmed,
# so the model assumes the needle reaches the dermis and shows the needled layer, which does not depend on the
# exact length.

# %%
frames = healing.simulate_protocols(["alam2014", "dogra2014", "eldomyati2015_acne"], days=300)
protocol_comparison(frames)

# %% [markdown]
# *Figure 2. Model new collagen (needled layer) for three schedules from `data/protocols.csv`.*
#
# What to notice: in this linear model more sessions always mean more collagen, and the timing only shifts when
# the peak comes; the model has no ceiling and no "best interval", which is a limit of the model, not a finding.

# %% [markdown]
# ## 6. Calibration and validation: observed vs model
#
# One row was used to fit the model; the others can only check it. `verification` says how each observation was
# checked; the role says what it is used for.

# %%
healing.validation_table()

# %% [markdown]
# *Table 5. Observations compared with the model (`data/calibration_targets.csv`).*
#
# How to read it:
#
# - **Lotfi 2013** matches by construction: it is the fitted row, so it cannot also validate the model.
# - **El-Domyati 2015** and **Aust 2008** confirm only the *direction*; their sizes were not readable, so the
#   model's numbers for them are unchecked.
# - **Kenkel and colleagues 2021** is a **mismatch**: collagen III gene activity was still raised three months
#   after the last session, while the model's fibroblast activity has almost vanished. A longer fibroblast
#   half-life would fit better and barely changes the calibrated total:

# %%
healing.sensitivity("t_half_fibroblast", [10.0, 20.0, 45.0])

# %% [markdown]
# - **The "400 %" claim** ("up to 400 % more collagen and elastin six months after four monthly sessions") is
#   repeated on clinic pages and attributed to a 2008 study, but the 2008 abstract gives no percentage. It is
#   **unverified**, so the model is not fitted to it; the table only shows how many times the calibrated response
#   it would need. Treat it as folklore until someone finds it in a primary source.

# %% [markdown]
# ## 7. What the model cannot claim
#
# 1. **One number was fitted**, from one cohort (30 people with acne scars, skin types III–IV, one roller). Any
#    percentage it shows carries an uncertainty of at least the band's width.
# 2. **Collagen is not appearance.** Nothing here predicts wrinkle grades, scar scores or patient satisfaction.
# 3. **It is linear.** No ceiling, no best interval, no synergy, no fatigue: continued for years it would grow
#    without credible limit. That is why calls beyond 8 sessions or 2 years are refused with an error.
# 4. **Depth is the weakest link.** Penetration in human skin with pens or rollers is unmeasured; the dermis
#    share is geometry, not a measured dose, and deeper injury (bleeding, more growth factors) is ignored.
# 5. **No space.** Needle channels heal as separate micro-wounds; fibre alignment and scarring are outside it.
# 6. **Collagen III → I is a caricature.** Neither variant matches both the staining order and the low share of
#    type III in new synthesis.
# 7. **Persistence is uncertain.** How long induced collagen lasts has no microneedling follow-up data.
# 8. **Out of scope:** elastin (which one study found *decreased*), the epidermis, pigmentation, topical products,
#    radiofrequency or laser devices, and patients with keloids, diabetes, recent isotretinoin or smoking.
# 9. **It is not a treatment planner.** It exists to build intuition and to show how much is unknown.

# %% [markdown]
# ## 8. Exercises: predict, then check
#
# **Exercise 1 (5 minutes).** Four sessions with a 1.5 mm needle on the forehead. Schedule A: every 14 days.
# Schedule B: every 28 days. Write down which one the model says gives more new collagen (needled layer) on
# day 180, and why, *before* you open the solution or use Explorer 2.
#
# <details><summary>Show the solution</summary>
#
# Schedule B, by a small margin. In a linear model every session adds the same response, so the totals are
# almost equal; with B the later sessions happened more recently, so less of their collagen has been lost by
# day 180. The model has no "best interval": any advantage of spacing in real skin would need a non-linear
# mechanism that this model does not have. Run the next cell to check.
#
# </details>

# %%
a = healing.simulate(4, 14, 1.5, "forehead", 180).loc[180, "new_collagen_pct"]
b = healing.simulate(4, 28, 1.5, "forehead", 180).loc[180, "new_collagen_pct"]
print(f"day 180: every 14 days {a:+.1f}%, every 28 days {b:+.1f}%")

# %% [markdown]
# **Exercise 2 (5 minutes).** Three sessions with a 1.0 mm needle, 28 days apart, on the eyelid and on the
# forehead (women). Predict, for day 180: (a) is new collagen in the *needled layer* different between the two
# sites? (b) which site has more new collagen *spread over the whole dermis*?
#
# <details><summary>Show the solution</summary>
#
# (a) No: the needle reaches the dermis at both sites, and the needled-layer response does not depend on the
# site in this model. (b) The eyelid: its dermis is thinner, so the same needle reaches a larger share of it.
# Remember that this is geometry on paper; whether it holds in real eyelid skin is unknown, and a thin site is
# also where a long needle reaches the fat.
#
# </details>

# %%
eyelid = healing.simulate(3, 28, 1.0, "eyelid", 180).loc[180]
forehead = healing.simulate(3, 28, 1.0, "forehead", 180).loc[180]
print(f"eyelid:   needled layer {eyelid['new_collagen_pct']:+.1f}%, whole dermis {eyelid['new_collagen_dermis_pct']:+.1f}%")
print(f"forehead: needled layer {forehead['new_collagen_pct']:+.1f}%, whole dermis {forehead['new_collagen_dermis_pct']:+.1f}%")

# %% [markdown]
# ## Quiz
#
# Check your understanding before the summary. Pick an answer and press *Check answer*: the feedback explains
# why, and cites the source where the question states a fact.

# %%
from microlib.apps.quiz import show_quiz

show_quiz("01_collagen_induction")

# %% [markdown]
# ## Summary
#
# - Skin is layered: epidermis, papillary and reticular dermis, subcutis. Facial dermis is roughly a millimetre
#   thick and varies by site, sex, method and population.
# - A needle reaches only a share of its length; that share is uncertain, so "1.5 mm" does not mean 1.5 mm deep.
# - A needle wound starts the healing cascade. The published phase windows come from general wound healing or
#   manufacturers, not from measurements after microneedling, and one review argues the phases are shortened.
# - The teaching model links injury, inflammation, fibroblasts and collagen III/I with half-lives; one gain is
#   fitted to one study, and the band shows how uncertain the result is.
# - Only one observation fits the model by construction; others check direction only, one disagrees, and the
#   "400 %" figure is unverified and not used.
#
# ## What's next
#
# Notebook [02 — Conditions compared on the evidence](02_conditions_compared.ipynb) asks which conditions
# microneedling has been tested for and how strong those studies are.
#
# ## References
#
# How each source was checked:

# %%
display(Markdown(verification_legend()))
display_references(healing.cited_keys())
