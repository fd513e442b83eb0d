# %% [markdown]
# # The side-effect risk checklist: who should wait, who should not be treated, and what to expect
#
# A person asks for microneedling. Before anyone picks up a needle, a practitioner asks a set of questions. This
# lesson walks through those questions, the reason behind each one, what the sources say (and where they
# disagree), which side effects to expect and for how long, and what aftercare rests on.
#
# > **A teaching aid, not a clinical decision tool.** The checklist here shows how such rules are built and where
# > they come from. It must not be used to decide whether a real person should be treated. Education, not medical
# > advice. Every case in this notebook is made up.

# %% [markdown]
# ## Overview
#
# By the end of this notebook you will be able to:
#
# 1. **Distinguish** the expected effects of microneedling from its complications, and **state** how long the
#    expected effects are reported to last.
# 2. **Explain** why each contraindication matters, using the mechanism from notebook 01.
# 3. **Identify** the rules on which sources disagree, and **describe** each side without picking one.
# 4. **Use** the checklist to reach an outcome for a case, and **justify** it with the reasons and their sources.
# 5. **Describe** what the usual aftercare instructions rest on, and how strong that basis is.

# %% [markdown]
# ## Prerequisites
#
# | Concept | Importance |
# |---|---|
# | [01 — The collagen-induction mechanism](01_collagen_induction.ipynb): needles open channels through the epidermis into the dermis, and healing follows | Necessary |
# | [02 — Conditions compared on the evidence](02_conditions_compared.ipynb): study designs and how strong they are | Helpful |
# | Running cells and using widgets ([00 — Start here](00_start_here.ipynb)) | Necessary |
#
# ## Time to learn
#
# About **50 minutes**: 20 minutes reading, 15 minutes with the checklist, 10 minutes for the two case exercises,
# 5 minutes for the quiz.

# %%
from IPython.display import Markdown, display

from microlib import risk
from microlib.apps.quiz import show_quiz
from microlib.apps.risk import build_checklist_app
from microlib.plots.risk import side_effect_timeline
from microlib.quiz import quiz_citations
from microlib.references import cited_by, display_references

# %% [markdown]
# ## 1. Expected effects versus complications
#
# ### Theory
#
# Every treatment that reaches the dermis causes a short, predictable response: redness, swelling, pinpoint
# bleeding during the session, some dryness or flaking, and discomfort. These are **expected effects**: they
# show the needles did what they were meant to do, and they settle on their own within days.
#
# **Complications** are different: they are not the goal, they are uncommon, and some can last. The systematic
# reviews name dark marks (post-inflammatory hyperpigmentation, PIH), tram-track scarring and granulomatous
# reactions as the persistent serious ones; infection, cold-sore reactivation and allergic reactions also occur.
#
# Two honest limits before the table:
#
# - **No pooled frequencies.** Neither systematic review gave a readable rate per side effect, so the table gives
#   counts from single named studies. They come from different people, devices and conditions, and must not be
#   added up or averaged into one "risk".
# - **Timing is often missing.** For most complications the sources read do not report when they start or how
#   long they last. The table says so rather than guessing.

# %%
display(Markdown(risk.side_effects_markdown()))

# %% [markdown]
# *Table 1. Side effects of microneedling, expected effects first. Timing and frequency come from the cited
# studies; "no pooled rate" means none was available.*
#
# ### The time course of the expected effects
#
# The chart shows the effects everyone should expect after one session, in days after treatment. A bar runs
# from the start to the latest reported resolution; a diamond marks the earliest reported resolution; a cross
# marks an effect whose timing the sources do not give.

# %%
side_effect_timeline(risk.timeline_rows(risk.assess(risk.blank_answers("no"))),
                     title="Figure 1. Expected effects after one session (no flags)")

# %% [markdown]
# *What to notice:* every expected effect is reported to settle within about a week, and the shortest reported
# durations are about three days; pinpoint bleeding belongs to the session itself, and how long oozing lasts
# afterwards is not reported.

# %% [markdown]
# ## 2. Why each contraindication matters
#
# Notebook 01 showed what a needle does: it opens thousands of channels through the epidermis into the dermis,
# where blood vessels, immune cells and collagen-making fibroblasts live, and the skin then heals. Almost every
# rule in the checklist follows from one of five consequences of that:
#
# 1. **A way in.** Open channels let microbes in (active infection, open wounds, cold sores, weakened immunity).
# 2. **Bleeding.** Channels that reach the dermis cut small vessels (bleeding disorders, blood thinners).
# 3. **Healing must work normally.** The benefit depends on ordinary wound healing (keloid tendency,
#    uncontrolled diabetes, recent radiotherapy, connective-tissue disease, a fresh surgical wound).
# 4. **Inflammation can darken skin.** Inflamed skin can make excess pigment (darker skin types, recent sun).
# 5. **Whatever is on the skin goes in.** Products, metal and numbing creams reach the dermis, where the immune
#    system can react to them (serums not meant for needled skin, metal or anaesthetic allergy).
#
# The checklist sorts its questions into four groups. The outcome of a yes sits on an ordered scale:

# %%
display(Markdown(risk.outcome_scale_markdown()))

# %% [markdown]
# *Table 2. The outcome scale, least restrictive first. It is a teaching convention of this package; the rules
# that lead to each outcome are cited in the tables below.*
#
# ### Contraindications
#
# Mostly from the device labelling of the first FDA-authorised microneedling pen. Temporary ones (a sore that
# will heal, a pregnancy, a medicine that will be stopped) postpone treatment; lasting ones mean no treatment.

# %%
display(Markdown(risk.checklist_markdown("contraindication")))

# %% [markdown]
# *Table 3. Contraindications: what a yes leads to, why, and the sources.*
#
# ### Precautions, risk factors and information
#
# These do not forbid treatment by themselves. Several send the person to a doctor first, because the answer
# depends on medical details that a checklist cannot weigh. Notice how many rest on clinic convention rather than
# on studies: for immunosuppression, diabetes or recent radiotherapy no peer-reviewed list was found in a readable
# source.

# %%
display(Markdown(risk.checklist_markdown("precaution")))
display(Markdown(risk.checklist_markdown("risk_factor")))
display(Markdown(risk.checklist_markdown("information")))

# %% [markdown]
# *Table 4. Precautions, then risk factors, then information items, each with its evidence kind.*

# %% [markdown]
# ## 3. Where the sources disagree
#
# A checklist looks certain: every question has one outcome. The sources behind some questions do not agree,
# and a good checklist says so. The clearest case is **isotretinoin** (oral acne medicine):
#
# - The **device labelling** contraindicates *current* use only.
# - A **2017 systematic review with consensus recommendations** found too little evidence to justify delaying
#   several superficial procedures after the drug, but it did not search for microneedling.
# - **Drug labelling** (reported secondhand) and many **clinics** still ask for a wait after the last dose, and
#   the clinics do not agree on how long.
#
# This package does not pick a winner: a yes to "stopped within the last year" leads to a referral, so that a
# doctor weighs the person's course. The table lists every rule where the sources pull in different directions.

# %%
display(Markdown(risk.disagreements_markdown()))

# %% [markdown]
# *Table 5. Rules on which the sources disagree, with what each side says.*
#
# Notice the pattern: the strictest rules (device labelling, clinic habits) are not always the ones with the
# strongest evidence, and the evidence is often thin on both sides. "Nobody has tested this" is a finding too.

# %% [markdown]
# ## 4. The checklist
#
# **How to use it.** Read each question and choose *yes*, *no* or *unknown*. Everything starts as *unknown*: the
# checklist never assumes a *no*. The result panel on the right states the outcome in words (with an icon), lists
# every reason with its sources, and lists the open questions. Below it, the timeline shows the side effects to
# expect, including complications that your *yes* answers make more likely, and then the aftercare plan.
#
# Try this before the exercises:
#
# 1. Choose *Case B* in the case list and press **Load case**. Which reason appears, and which complication is
#    added to the timeline?
# 2. Change *Blood thinners* to *yes*. What happens to the outcome, and why does the *Darker skin type* reason
#    stay listed?
# 3. Press **Reset to unknown** and notice what the panel says about a result with open questions.
#
# To keep a record, type a file name such as `my_case.md` or `my_case.html` and press **Save summary**. The file
# is written only then, only where you typed, and nothing you enter is stored anywhere else.

# %%
app = build_checklist_app()
app.widget

# %% [markdown]
# *What to notice:* the outcome is always the most restrictive reason, so adding a *yes* can never make it less
# restrictive, and an *unknown* answer makes the result provisional instead of counting as *no*.

# %% [markdown]
# ## 5. Aftercare, and what it rests on
#
# Aftercare instructions look like medical rules, but **no peer-reviewed aftercare protocol was found**. Most
# steps come from the device maker's patient instructions as reproduced by clinics, or from clinic habit, and
# clinics differ on the details. Where there is a scientific reason (an animal study of how fast the channels
# close, case reports of granulomas after serums), the table names it and says how far it goes.

# %%
display(Markdown(risk.aftercare_markdown()))

# %% [markdown]
# *Table 6. The aftercare plan, with the kind of source behind each step. "Manufacturer instructions" and "clinic
# convention" show practice, not evidence.*

# %% [markdown]
# ## 6. Exercises
#
# ### Exercise 1 (5 minutes)
#
# Read the case below. Before you touch the checklist, write down: which questions get a *yes*, which outcome
# you expect, and which sources you would show the person. Then load the case in the checklist to check.

# %%
display(Markdown(risk.vignette_markdown("case_c_chloe")))

# %% [markdown]
# <details><summary>Show the solution</summary>
#
# Only *Isotretinoin in the past year* is a *yes*; the outcome is **Refer for medical assessment**. Current use
# would postpone treatment under the device labelling, but Chloe has stopped. For recent use the sources
# disagree: the labelling sets no waiting time, the 2017 consensus review found too little evidence to justify a
# delay for several superficial procedures (without studying microneedling), and drug labelling and clinics still
# ask for waits of different lengths. The checklist does not choose: a doctor weighs it. Good answers show all
# three positions rather than one number.
#
# </details>

# %% [markdown]
# ### Exercise 2 (5 minutes)
#
# Read the case. What is the outcome *today*, what could it become, and what should happen before anyone
# decides?

# %%
display(Markdown(risk.vignette_markdown("case_h_hana")))

# %% [markdown]
# <details><summary>Show the solution</summary>
#
# *Serums not made for needled skin* is a *yes*: **Proceed with precautions**, and the precaution is to change
# the plan (no vitamin C serum pushed into the channels: granulomas have followed such products). The blood
# thinner and cold-sore questions are *unknown*, so the result is **provisional**: if the tablet is a blood
# thinner, the outcome rises to **Refer for medical assessment**. The next step is to find out, not to assume
# *no*. A cold-sore history would add a conversation about antiviral prevention.
#
# </details>

# %% [markdown]
# ## 7. Check your understanding
#
# Choose an answer and press *Check answer*; the feedback says in words whether you were right and why.

# %%
show_quiz("03_side_effect_risk_checklist")

# %% [markdown]
# ## Summary
#
# - Expected effects (redness, swelling, pinpoint bleeding, dryness, discomfort) are short-lived: reported to
#   settle within about a week. Complications (PIH, infection, cold-sore reactivation, tram-track scars,
#   granulomas, allergic reactions) are uncommon, and some persist.
# - Frequencies come from single studies; no pooled rate was available, so none is shown.
# - Each contraindication follows from what the needle does: a way in for microbes, bleeding, reliance on normal
#   healing, pigment response to inflammation, and pushing whatever is on the skin into the dermis.
# - Sources disagree on several rules (isotretinoin, nickel, sun before treatment, surgery timing). Showing the
#   disagreement is more honest than picking one answer.
# - Unknown is not no: open questions make a result provisional.
# - Aftercare is mostly manufacturer instruction and clinic convention, not tested protocol.
# - This checklist is a teaching aid, not a clinical decision tool.
#
# ## What's next
#
# [04 — Claims versus evidence](04_claims_vs_evidence.ipynb) checks marketing claims, several of them about side
# effects and aftercare, against the sources used here. Trainers: the case list has ten fictional cases, one or
# more for every outcome, for class discussion.

# %% [markdown]
# ## References
#
# Sources behind the checklist rules, the side-effect table, the aftercare plan and the quiz. How each was read:

# %%
display_references(cited_by("checklist", "side_effects", "aftercare") + quiz_citations("03_side_effect_risk_checklist"))
