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
# 1. Judge how far a study can be trusted from its design, size, comparator, outcome, follow-up and funding, and rank two studies of the same condition.
# 2. Read the evidence map and rank the claimed uses of microneedling by the strength of their evidence, naming the uses with little or no trial evidence.
# 3. Compare microneedling with fractional lasers on improvement and on dark marks afterwards, and explain why "no significant difference" in a small trial does not mean "equally good".
# 4. Explain what "FDA-cleared for" covers (which uses, in whom) and what it does not.

# %% [markdown]
# ## Prerequisites
#
# | Concept | Importance |
# |---|---|
# | Skin layers and what a needle reaches ([notebook 01](01_collagen_induction.ipynb)) | Necessary |
# | What a randomised controlled trial is (see the glossary in notebook 00) | Helpful |
# | The evidence labels: level of evidence, verification (the card in [notebook 00](00_start_here.ipynb)) | Helpful |

# %% [markdown]
# ## Time to learn
#
# About **60 minutes**. The estimate counts the words you read (lesson text and tables) at 130 words a minute,
# a common pace for technical study text (slower than everyday reading, because you stop to check numbers),
# plus a minute for each figure, five minutes for the explorer and five for each exercise.
#
# | Section | Minutes |
# |---|---|
# | Overview, prerequisites and this plan | 3 |
# | 1. How to read a study | 4 |
# | 2. The evidence map | 3 |
# | 3. Condition by condition (explorer and needle lengths) | 10 |
# | 4. Microneedling versus lasers | 6 |
# | 5. What "FDA-cleared for" means | 8 |
# | 6. The gaps | 2 |
# | Exercises 1 and 2 | 15 |
# | Quiz, summary and what's next | 9 |

# %%
from microlib.apps.evidence import build_evidence_app
from microlib.evidence import (
    cited_keys,
    clearance_table,
    evidence_grid,
    evidence_levels_table,
    evidence_map_table,
    gap_table,
    head_to_head,
    head_to_head_left_out,
    head_to_head_outcomes,
    head_to_head_table,
    load_conditions,
    load_studies,
    pick_studies,
    protocol_ranges,
    regulation_table,
    studies_table,
)
from microlib.plots.evidence import evidence_map, gap_figure, head_to_head_figure, protocol_depth_figure
from microlib.references import display_references
from microlib.review_dates import review_note
from microlib.skin import layer_boundaries

studies = load_studies()
conditions = load_conditions()

# %% [markdown]
# ## 1. How to read a study
#
# Before looking at any result, ask six questions. They matter more than the headline number.
#
# | Question | Why it matters |
# |---|---|
# | **Design**: was there a comparison, and did chance decide who got what? | Without a comparison, improvement may be time, other treatment or hope. In a *randomised controlled trial* (RCT) chance decides who gets which treatment, so nobody chooses who is treated. A *split-face* trial treats one side of each face and compares it with the other. |
# | **Size**: how many people were analysed? | Small studies give unstable numbers; many here have 10–50 people. |
# | **Comparator**: compared with what? | "Better than nothing" is not "better than a laser". |
# | **Outcome**: what was measured, and by whom? | A grade given by a rater who did not know which side was treated (a *blinded* rater) is stronger than a satisfaction score. |
# | **Follow-up**: how long after the last session? | Scars and hair change for months; a 4-week result can fade or grow. |
# | **Funding**: who paid? | Device and product makers fund many studies; that does not make them wrong, but it is worth knowing. |
#
# We place every study on the 2011 **levels of evidence** of the Oxford Centre for Evidence-Based Medicine
# (CEBM) for the question "does this treatment help?" (Table 1). What each kind of label means, and how the
# labels differ from one another, is on the evidence-labels card in [notebook 00](00_start_here.ipynb)
# (section 5).

# %%
evidence_levels_table(caption="Table 1. Levels of evidence for \"does this treatment help?\" "
                              "(Oxford CEBM 2011); level 1 is the strongest design.")

# %% [markdown]
# A level is a starting point, not a verdict: a review that pools weak studies is only as strong as what it
# pools, so some reviews below are ranked lower than their label suggests. Every study row also says whether
# we read it in the original or only in a copy or summary.

# %% [markdown]
# ## 2. The evidence map
#
# Figure 1 counts the studies of each claimed use at each level of evidence. Each study counts once, even when
# it reported several outcomes. "RF" marks studies of **radiofrequency microneedling**, a different technology
# that heats the skin through the needles.
#
# **Think!** Before you look: which claimed uses would you expect to have a systematic review of randomised
# trials (level 1), and which do you think have no study at all?

# %%
evidence_map(evidence_grid(evidence_map_table(studies, conditions), conditions))

# %% [markdown]
# *Figure 1. Evidence map: the number of studies for each claimed use (rows) at each level of evidence
# (columns, 1 = strongest). The count is written in every cell, a dash means none; shading only repeats the
# count. "(1 RF)" means one of those studies used a radiofrequency device.*
#
# <details><summary>Show the answer</summary>
#
# Only pattern hair loss has a systematic review of randomised trials at level 1; the best evidence for acne
# scars and stretch marks is at level 2, because their reviews also pool non-randomised studies. Most claimed
# uses rest mainly on non-randomised comparisons and case series (levels 3 and 4). Excessive underarm sweating
# (hyperhidrosis) has been studied only with radiofrequency devices, and enlarged pores have no study at all.
#
# </details>

# %% [markdown]
# ## 3. Condition by condition
#
# Pick a condition. The card gives what it is, the skin layer it lives in (see notebook 01), the verdict and
# why, the protocol seen in studies and what US device authorisation covers. Below it are the studies and a
# chart of their sizes. Use the filters to keep only randomised trials, larger studies or studies we read in
# the original, and to drop radiofrequency devices.
#
# **Think!** Choose *Stretch marks*, then set *Design* to randomised trials. Predict first: how many studies will
# be left? Then choose *Excessive underarm sweating* and untick radiofrequency: what do you expect to remain?

# %%
explorer = build_evidence_app("acne_scars")
explorer.widget

# %% [markdown]
# <details><summary>Show the answer</summary>
#
# The card's counts stay fixed while the filters change the table, so you can see how much of a condition's
# evidence survives a stricter reading. For stretch marks only the two randomised split-face trials remain
# (three results, because one trial reported pain separately); the review and the case series drop out. For
# hyperhidrosis nothing is left once radiofrequency devices are removed.
#
# </details>
#
# ### Needle lengths against skin depth
#
# Figure 2 draws the needle lengths reported in the studies beside the skin layers of the cheek (women) from
# notebook 01. These are **nominal** lengths, the length printed on the device, not the depth a needle
# reaches: only part of a needle enters the skin. The scalp and body sites are not in the depth model, so the
# hair-loss range is shown against facial layers for scale only.
#
# **Think!** 1.5 mm is the usual setting for acne scars and melasma. On paper, which layer would a 1.5 mm
# needle end in on the cheek? Why is "on paper" important?

# %%
protocol_depth_figure(protocol_ranges(studies, conditions), layer_boundaries("zygoma (cheekbone)", "female"),
                      "cheek (zygoma), women")

# %% [markdown]
# *Figure 2. Nominal needle lengths (bars, mm) reported in the studies of each claimed use, beside the depth of
# the skin layers of the cheek in women (shading). Uses whose studies reported no needle length are not drawn;
# the note under the figure names them.*
#
# <details><summary>Show the answer</summary>
#
# On paper a 1.5 mm needle passes right through the cheek's dermis into the fat below. But the bar is the
# needle's length, not the depth it reaches: the skin dents and only part of the needle enters, which is why
# the real depth reached (notebook 01) matters more than the number on the device. Notice also how few claimed
# uses have any reported needle length.
#
# </details>

# %% [markdown]
# ## 4. Microneedling versus lasers
#
# Where trials compared microneedling directly with a fractional laser, Table 2 gives each comparison in full.
#
# **Think!** Lasers remove or heat more skin than needles. Before you read on, predict: which treatment would
# you expect to leave more dark marks afterwards (*post-inflammatory hyperpigmentation*, PIH), and which to
# improve scars more?

# %%
head_to_head_table(head_to_head(studies), caption="Table 2. Trials and reviews that compared microneedling "
                                                  "directly with a laser.")

# %% [markdown]
# Figure 3 draws only numbers that share a unit: each panel is one outcome with its own axis, so a percentage
# is never set beside a pain score.

# %%
laser_trials = head_to_head(studies)
head_to_head_figure(head_to_head_outcomes(laser_trials), left_out=head_to_head_left_out(laser_trials))

# %% [markdown]
# *Figure 3. Microneedling (circles) against a laser (squares), one panel per outcome, each on its own axis:
# dark marks afterwards (% of patients), improvement in acne-scar grade (%) and pain during treatment (0–10
# scale). The note under the panels names the comparisons whose improvement has no number to plot; Table 2
# gives their results in words.*
#
# <details><summary>Show the answer</summary>
#
# The ablative CO2 laser improved acne scars more in the one comparison with numbers, but left dark marks far
# more often, and so did the gentler 1340 nm laser. Against the 1340 nm laser and for stretch marks there was no
# significant difference in improvement, and microneedling hurt more in the stretch-mark trial. All these
# trials are small and short. "No significant difference" means the trial could not detect a difference, not
# that the treatments are equally good: with 20 to 46 people a real difference can easily go unseen.
#
# </details>

# %% [markdown]
# ## 5. What "FDA-cleared for" means
#
# Each country sets its own rules for microneedling devices. Table 3 puts the rules of the **United States**
# beside those of the **European Union**, the **United Kingdom** and **Australia**, and its first column says
# where each rule applies. A rule is added only once it has been checked against its source, and the caption
# names any country still missing.

# %%
regulation_table("Table 3. Rules for microneedling devices, by jurisdiction")

# %% [markdown]
# The phrase "FDA-cleared" comes from the United States, so the rest of this section, and Table 4, give the **US
# position only**. In the US, microneedling devices for aesthetic use are Class II medical devices (21 CFR
# 878.4430). The FDA lists the authorised uses as improving the look of **facial acne scars, facial wrinkles and
# abdominal scars** in adults aged 22 and over. Authorisation means the agency accepted that a specific device
# is safe and works for those labelled uses; it does **not** cover other conditions, other body sites, home
# devices without authorisation, or a clinic's own protocol. "FDA-approved" is the wrong word for these devices,
# and the FDA objected to it in a 2016 warning letter.
#
# **Think!** Before you read Table 4: of the eleven claimed uses, how many do you expect a US-authorised device
# to cover?

# %%
clearance_table(conditions, caption="Table 4. Which claimed uses a US-authorised microneedling device covers "
                                     "(US rules only).")

# %% [markdown]
# <details><summary>Show the answer</summary>
#
# Three, and only one of them in full: facial acne scars are covered; wrinkles only on the face (not loose
# skin), and other scars only on the abdomen. Most of the claimed uses are outside what any authorised device
# covers; that is not proof they fail, only that no regulator has reviewed the claim.
#
# </details>

# %% [markdown]
# ## 6. The gaps
#
# Figure 4 sorts the claimed uses from least to most evidence. Solid bars are studies at level 1–2 (randomised
# or better), hatched bars weaker designs, open bars studies of radiofrequency devices only.
#
# **Think!** A clinic's page lists enlarged pores, underarm sweating and acne scars side by side. Which of the
# three has the least evidence for plain microneedling?

# %%
gap_figure(gap_table(studies, conditions))

# %% [markdown]
# *Figure 4. Number of studies per claimed use, split by level of evidence, with each use's trial status and
# evidence verdict written beside its bar; uses with the least evidence come first.*
#
# <details><summary>Show the answer</summary>
#
# Enlarged pores and underarm sweating have no study of plain microneedling, and active acne has one
# industry-funded pilot of 15 people. A page that lists them beside acne scars, the best-studied use, is mixing
# an untested claim with a studied one.
#
# </details>

# %% [markdown]
# ## Exercise 1: rank two studies
#
# Below are two studies of acne scars. Study A treated 15 people, one side of the face only, and compared it
# with the untreated side. Study B treated 30 people with darker skin and measured them before and after.
# **Which gives stronger evidence that microneedling helps, and why?** Decide before you open the solution.

# %%
studies_table(pick_studies(studies, ["alam2014", "dogra2014"]), show_level=False,
              caption="Table 5. Study A (first row) and study B (second row), without their levels of evidence.")

# %% [markdown]
# <details><summary>Show the solution</summary>
#
# **Study A (Alam and colleagues, 2014) is stronger**, even though it is half the size. It is a randomised
# split-face trial (level 2): the untreated side shows what would have happened anyway, and the rater did not
# know which side was treated. Study B (Dogra and colleagues, 2014) is a case series (level 4): its large fall in
# scar score could partly be time, other care or a hopeful rater. Study B is still useful for what A cannot tell
# you: it reports dark marks in 5 of 30 people with skin types IV–V, a harm that matters for darker skin.
#
# </details>

# %% [markdown]
# ## Exercise 2: weigh benefit against harm
#
# Look again at Figure 3 in section 4. A person with skin type V asks whether a fractional CO2 laser or
# microneedling would be better for their acne scars. Using only the 2024 split-face comparison with a CO2
# laser, **write down one point in favour of each option, and say which single number you would most want to
# discuss with them.** Then check the study's design in Table 2 before you open the answer.
#
# <details><summary>Show the solution</summary>
#
# For the laser: scars improved more on the laser side (32.9 % versus 9.3 % grade improvement). For
# microneedling: dark marks (PIH) were far less common (6.67 % versus 30 %), and the risk of PIH is higher in
# darker skin, which is exactly this person's situation. The number worth discussing is the PIH rate, because
# dark marks can take months to fade. Two cautions belong in the answer: the sides were fixed, not randomised
# (the laser was always on the right), and 30 people followed for a short time cannot settle the question.
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
# - Against fractional lasers, microneedling gave similar or smaller gains with fewer dark marks afterwards;
#   "no significant difference" in a small trial is not proof of equal effect.
# - In the US, device authorisation covers facial acne scars, facial wrinkles and abdominal scars in adults 22
#   and over, and nothing else on the list.
# - Enlarged pores have no study, and underarm sweating only studies of radiofrequency devices.

# %% [markdown]
# ## What's next
#
# [Notebook 03 — Side-effect risk checklist](03_side_effect_risk_checklist.ipynb) looks at the harms side:
# who should not be needled, which effects are expected, and which are complications.

# %% [markdown]
# ## References
#
# Every source cited by the data in this lesson, with how it was checked (the labels are explained on the
# evidence-labels card in [notebook 00](00_start_here.ipynb)):

# %%
review_note("02")

# %%
display_references(cited_keys())
