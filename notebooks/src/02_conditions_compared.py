# %% [markdown]
# # Conditions treated: what microneedling is claimed to fix, compared on the evidence
#
# Marketing pages list a dozen conditions that microneedling "treats" and rarely cite anything. This lesson
# puts every one of them next to what the studies actually show: how many studies, how good, how big the
# effect, compared with what, and where there is nothing at all.
#
# > **Education, not medical advice.** This lesson teaches how to read evidence. It is not a guide to treating
# > anyone, and a verdict here is not a recommendation.

# %% [markdown]
# ## Overview
#
# By the end of this notebook you will be able to:
#
# 1. **Describe** the parts of a study that decide how much to trust it (design, size, comparator, outcome,
#    follow-up, funding).
# 2. **Read** an evidence map and **rank** the claimed uses of microneedling by the strength of their evidence.
# 3. **Compare** microneedling with fractional lasers on effect and on dark marks (pigmentation) afterwards.
# 4. **Explain** what "FDA-cleared for" covers and what it does not.
# 5. **Identify** claimed uses with little or no trial evidence.

# %% [markdown]
# ## Prerequisites
#
# | Concept | Importance |
# |---|---|
# | Skin layers and what a needle reaches ([notebook 01](01_collagen_induction.ipynb)) | Necessary |
# | What a randomised controlled trial is (see the glossary in notebook 00) | Helpful |
# | Reading a chart with a log scale | Helpful |

# %% [markdown]
# ## Time to learn
#
# About **45 minutes**: 25 minutes reading, 10 minutes with the explorer, 10 minutes for the exercise.

# %%
from IPython.display import Markdown, display

from microlib.apps.evidence import build_evidence_app
from microlib.evidence import (
    cited_keys,
    clearance_table,
    evidence_map_table,
    gap_table,
    head_to_head,
    load_conditions,
    load_studies,
    pick_studies,
    protocol_ranges,
    studies_table,
)
from microlib.loader import load_table
from microlib.plots.evidence import evidence_map, gap_figure, head_to_head_figure, protocol_depth_figure
from microlib.references import display_references, verification_legend
from microlib.skin import layer_boundaries

studies = load_studies()
conditions = load_conditions()
print(f"{len(studies)} study rows on {studies['condition'].nunique()} conditions; {len(conditions)} conditions claimed")

# %% [markdown]
# ## 1. How to read a study
#
# Before looking at any result, ask six questions. They matter more than the headline number.
#
# | Question | Why it matters |
# |---|---|
# | **Design**: was there a comparison, and did chance decide who got what? | Without a comparison, improvement may be time, other treatment or hope. Randomising removes the choice of who gets treated. A *split-face* trial treats one side of each face and compares it with the other. |
# | **n**: how many people were analysed? | Small studies give unstable numbers; many here have 10–50 people. |
# | **Comparator**: compared with what? | "Better than nothing" is not "better than a laser". |
# | **Outcome**: what was measured, and by whom? | A blinded rater's scar grade is stronger than a satisfaction score. |
# | **Follow-up**: how long after the last session? | Scars and hair change for months; a 4-week result can fade or grow. |
# | **Funding**: who paid? | Device and product makers fund many studies; that does not make them wrong, but it is worth knowing. |
#
# We place every study on the **Oxford CEBM 2011 levels** for "does this treatment help?":

# %%
load_table("evidence_levels")[["level", "name", "meaning"]]

# %% [markdown]
# A level is a starting point, not a verdict: a meta-analysis that pools weak studies is only as strong as what
# it pools, so some reviews below are ranked lower than their label suggests (each row says why in
# `level_note`). Every row also says how we checked it:
#
# - primary: read in the original source; secondary: read in a copy or summary.

# %% [markdown]
# ## 2. The evidence map
#
# One marker per study. Higher up means a stronger design; a bigger marker means more participants; the
# symbol shows the design group, and an open symbol means a **radiofrequency** microneedling device, which
# heats the skin and is a different technology from plain needling.

# %%
evidence_map(evidence_map_table(studies, conditions), conditions)

# %% [markdown]
# Notice that only acne scars and pattern hair loss have a systematic review of randomised trials, that most
# claimed uses rest on case series at level 4, that hyperhidrosis is studied only with radiofrequency devices,
# and that enlarged pores have no trial at all.

# %% [markdown]
# ## 3. Condition by condition
#
# Pick a condition. The card gives what it is, the skin layer it lives in (see notebook 01), the verdict and
# why, the protocol seen in studies and what US authorisation covers. Below it are the studies and a chart of
# their sizes. Use the filters to keep only randomised trials, larger studies or rows checked in the primary
# source, and to drop radiofrequency devices.
#
# **Try:** choose *Stretch marks*, then set *Design* to randomised trials. Then choose *Excessive underarm
# sweating* and untick radiofrequency.

# %%
explorer = build_evidence_app("acne_scars")
explorer.widget

# %% [markdown]
# What to notice: the card's counts stay fixed while the filters change the table, so you can see how much of
# a condition's evidence survives a stricter reading. For hyperhidrosis nothing survives once radiofrequency
# devices are removed.
#
# ### Protocols against skin depth
#
# The needle lengths reported in the studies, drawn over the skin layers of the cheek (women) from
# notebook 01. These are **nominal** lengths: only part of a needle enters the skin. The scalp and body sites
# are not in the depth model, so the hair-loss range is shown against facial layers for scale only.

# %%
protocol_depth_figure(protocol_ranges(studies, conditions), layer_boundaries("zygoma (cheekbone)", "female"),
                      "cheek (zygoma), women")

# %% [markdown]
# Notice how few conditions have any reported needle length, and that 1.5 mm (the usual acne-scar and melasma
# setting) already passes the dermis of the cheek on paper, which is one reason real penetration matters.

# %% [markdown]
# ## 4. Microneedling versus lasers
#
# Where trials compared microneedling directly with a fractional laser, the results and the dark marks
# (post-inflammatory hyperpigmentation, PIH) afterwards sit side by side:

# %%
studies_table(pick_studies(studies, head_to_head(studies)["key"]))

# %%
head_to_head_figure(head_to_head(studies))

# %% [markdown]
# Notice the pattern: the ablative CO2 laser improved acne scars more in the one comparison with numbers, but
# left dark marks far more often; against the gentler 1340 nm laser and for stretch marks there was no
# significant difference in effect. Microneedling hurt more in the stretch-mark trial. All these trials are
# small and short, so "comparable" means "no difference detected", not "proven equal".

# %% [markdown]
# ## 5. What "FDA-cleared for" means
#
# In the US, microneedling devices for aesthetic use are Class II medical devices (21 CFR 878.4430). The FDA
# lists the authorised uses as improving the look of **facial acne scars, facial wrinkles and abdominal
# scars** in adults aged 22 and over. Authorisation means the agency accepted that a specific device is safe
# and works for those labelled uses; it does **not** cover other conditions, other body sites, home devices
# without authorisation, or a clinic's own protocol. "FDA-approved" is the wrong word for these devices, and
# the FDA objected to it in a 2016 warning letter.

# %%
clearance_table(conditions)

# %% [markdown]
# Notice that most of the claimed uses are outside what any authorised device covers; that is not proof they
# fail, only that no regulator has reviewed the claim.

# %% [markdown]
# ## 6. The gaps
#
# Claimed uses sorted from least to most evidence. Solid bars are studies at level 1–2 (randomised or better),
# hatched bars weaker designs, open bars radiofrequency-only studies.

# %%
gap_figure(gap_table(studies, conditions))

# %% [markdown]
# Notice that enlarged pores and hyperhidrosis have no study of plain microneedling, and active acne has one
# industry-funded pilot of 15 people: a marketing page that lists them beside acne scars is mixing a gap with
# the best-studied use.

# %% [markdown]
# ## Exercise 1: rank two studies
#
# Below are two studies of acne scars. Study A treated 15 people, one side of the face only, and compared it
# with the untreated side. Study B treated 30 people with darker skin and measured them before and after.
# **Which gives stronger evidence that microneedling helps, and why?** Decide before you open the solution.

# %%
studies_table(pick_studies(studies, ["alam2014", "dogra2014"]))

# %% [markdown]
# <details><summary>Show the solution</summary>
#
# **Study A (alam2014) is stronger**, even though it is half the size. It is a randomised split-face trial
# (level 2): the untreated side shows what would have happened anyway, and the rater did not know which side
# was treated. Study B (dogra2014) is a case series (level 4): its large fall in scar score could partly be
# time, other care or a hopeful rater. Study B is still useful for what A cannot tell you: it reports dark
# marks in 5 of 30 people with skin types IV–V, a harm that matters for darker skin.
#
# </details>

# %% [markdown]
# ## Exercise 2: weigh benefit against harm
#
# Look again at the head-to-head chart in section 4. A person with skin type V asks whether a fractional CO2
# laser or microneedling would be better for their acne scars. Using only the split-face comparison with
# numbers (idoj2024_co2), **write down one point in favour of each option, and say which single number you
# would most want to discuss with them.** Then check the note on the study's design before you open the answer.
#
# <details><summary>Show the solution</summary>
#
# For the laser: scars improved more on the laser side (32.9 % versus 9.3 % grade improvement). For
# microneedling: dark marks (PIH) were far less common (6.67 % versus 30 %), and the risk of PIH is higher in
# darker skin, which is exactly this person's situation. The number worth discussing is the PIH rate, because
# dark marks can take months to fade. Two cautions belong in the answer: the sides were fixed, not randomised
# (the laser was always on the right), and 30 people followed for a short time cannot settle the question. This
# is a teaching exercise, not advice for a real person.
#
# </details>

# %% [markdown]
# ## Quiz
#
# Check your understanding before the summary. Pick an answer and press *Check answer*: the feedback explains
# why, and cites the source where the question states a fact.

# %%
from microlib.apps.quiz import show_quiz

show_quiz("02_conditions_compared")

# %% [markdown]
# ## Summary
#
# - Judge a study by its design, size, comparator, outcome, follow-up and funding before its headline number.
# - Acne scars, stretch marks, melasma (as an add-on to creams) and pattern hair loss (as an add-on to
#   minoxidil) have the most evidence, rated **moderate**: small, short trials pointing the same way.
# - Against fractional lasers, microneedling gave similar or smaller gains with fewer dark marks afterwards.
# - US authorisation covers facial acne scars, facial wrinkles and abdominal scars in adults 22 and over, and
#   nothing else on the list.
# - Enlarged pores have no trial, and hyperhidrosis only radiofrequency-device studies: a gap is a finding.

# %% [markdown]
# ## What's next
#
# [Notebook 03 — Side-effect risk checklist](03_side_effect_risk_checklist.ipynb) looks at the harms side:
# who should not be needled, which effects are expected, and which are complications.

# %% [markdown]
# ## References
#
# Every source cited by the data in this lesson, with how it was checked:

# %%
display(Markdown(verification_legend()))
display_references(cited_keys())
