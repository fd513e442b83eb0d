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
# 1. Distinguish the expected effects of microneedling from its complications, and state how long the expected
#    effects are reported to last.
# 2. Explain why a contraindication or precaution matters, using the consequences of a needle wound (a way in for
#    microbes, bleeding, healing, pigment, products carried into the dermis).
# 3. Use the checklist to reach an outcome for a case, keep an unknown answer open, and describe each side where the
#    sources disagree.
# 4. Describe what the usual aftercare instructions rest on, and how strong that basis is.

# %% [markdown]
# ## Prerequisites
#
# | Concept | Importance |
# |---|---|
# | [01 — The collagen-induction mechanism](01_collagen_induction.ipynb): needles open channels through the epidermis into the dermis, and healing follows | Necessary |
# | [02 — Conditions compared on the evidence](02_conditions_compared.ipynb): study designs and how strong they are | Helpful |
# | The evidence-labels card in [00 — Start here](00_start_here.ipynb) (section 5) | Necessary |
#
# ## Time to learn
#
# About **85 minutes**, best taken in two sittings (sections 1–3, then 4–7). The figures assume reading at about
# 130 words a minute, a common working figure for careful study of technical text, and count the words of the
# tables (most of the lesson) and the quiz, plus 5 minutes for each exercise and for the checklist itself.
#
# | Section | Minutes |
# |---|---|
# | Introduction, overview and this page | 4 |
# | 1. Expected effects versus complications | 8 |
# | 2. Why each contraindication matters (with exercise 1) | 25 |
# | 3. Where the sources disagree | 5 |
# | 4. The checklist | 8 |
# | 5. Aftercare, and what it rests on (with exercise 2) | 11 |
# | 6. Case exercises 3 and 4 | 13 |
# | 7. Quiz | 9 |
# | Summary and what's next | 2 |
#
# The words in the *Evidence* and *Kind of source* columns are labels explained on the evidence-labels card in
# lesson 00. Sources are named by first author and year; the full list is at the end.

# %%
from IPython.display import Markdown, display

from microlib import risk
from microlib.apps.quiz import show_quiz
from microlib.apps.risk import build_checklist_app
from microlib.quiz import quiz_citations
from microlib.references import cited_by, display_references
from microlib.review_dates import review_note

# %% [markdown]
# ## 1. Expected effects versus complications
#
# Every treatment that reaches the dermis causes a short, predictable response: **erythema** (redness), swelling,
# pinpoint bleeding during the session, some dryness or flaking, and discomfort. These are **expected effects**:
# they show the needles did what they were meant to do, and they settle on their own.
#
# **Complications** are different: they are not the goal, they are uncommon, and some can last. The safety
# reviews name three persistent ones: **post-inflammatory hyperpigmentation** (PIH: dark marks that follow
# inflammation, more often in darker skin), **tram-track scarring** (scars in lines along the needle paths) and
# **granulomas** (firm lumps of immune cells around material the body cannot clear). Infection, the return of a
# **cold-sore** (herpes simplex) and allergic reactions also occur.
#
# Two honest limits before the table:
#
# - **No pooled frequencies.** Neither **systematic review** (a review that searched the literature by a stated
#   method) gave a readable rate per side effect, so the table gives counts from single named studies. They come from different people, devices and conditions, and must not be
#   added up or averaged into one "risk".
# - **Timing is often missing.** For most complications the sources read do not report when they start or how
#   long they last. The table says so rather than guessing.
#
# **Think!** Before you read Table 1: which expected effect do you think lasts longest, and for how many days?

# %%
risk.side_effects_table(caption="Table 1. Side effects of microneedling, expected effects first. Timing and "
                                "frequency come from the cited studies; none of the sources gave a pooled rate.")

# %% [markdown]
# <details><summary>Show the answer</summary>
#
# None stands out: redness, swelling, dryness and discomfort are all reported to settle within about 3 to 7 days,
# and pinpoint bleeding belongs to the session itself. The longer-lasting problems are all complications, and
# for most of them the sources give no timing at all.
#
# </details>

# %% [markdown]
# ## 2. Why each contraindication matters
#
# A **contraindication** is a reason not to treat, or to wait; a **precaution** is a reason to take extra care or
# change the plan. Notebook 01 showed what a needle does: it opens thousands of tiny **channels** through the
# epidermis into the dermis, where blood vessels, immune cells and collagen-making **fibroblasts** (the cells that
# build and repair the dermis) live, and the skin then heals. Almost every rule in the checklist follows from one
# of five consequences of that:
#
# 1. **A way in.** Open channels let microbes in (active infection, open wounds, cold sores, weakened immunity).
# 2. **Bleeding.** Channels that reach the dermis cut small vessels (bleeding disorders, and medicines that slow
#    clotting: a **blood thinner**, or anticoagulant).
# 3. **Healing must work normally.** The benefit depends on ordinary wound healing (a tendency to **keloids**,
#    raised scars from too much collagen; uncontrolled diabetes; recent radiotherapy; connective-tissue disease; a
#    fresh surgical wound). In psoriasis an injury can even start new patches, the **Koebner phenomenon**.
# 4. **Inflammation can darken skin.** Inflamed skin can make excess pigment (a **darker skin type**, recent sun).
# 5. **Whatever is on the skin goes in.** Products, metal and numbing creams reach the dermis, where the immune
#    system can react to them (serums not meant for needled skin, metal or anaesthetic allergy).
#
# The outcome of a *yes* sits on an ordered scale:

# %%
risk.outcome_scale_table(caption="Table 2. The outcome scale, least restrictive first. It is a teaching convention "
                                 "of this package; the rules that lead to each outcome are cited in the tables below.")

# %% [markdown]
# ### Contraindications
#
# Mostly from the **device labelling** (the official information that comes with a device) of the first
# US-authorised microneedling pen. Lasting contraindications mean no treatment; temporary ones (a sore that will
# heal, a pregnancy, a medicine that will be stopped) postpone it.
#
# **Think!** For *Bleeding disorder*, predict which of the five consequences the table will give as the reason,
# and whether a *yes* postpones treatment or rules it out. Then read Table 3a.

# %%
risk.checklist_table("contraindication", "do_not_treat",
                     caption="Table 3a. Contraindications that mean no treatment: why, and the sources.")

# %%
risk.checklist_table("contraindication", "postpone",
                     caption="Table 3b. Contraindications that postpone treatment until they pass.")

# %% [markdown]
# <details><summary>Show the answer</summary>
#
# Consequence 2, bleeding: the channels cut small vessels in the dermis, and a person whose blood does not clot
# normally may bleed and bruise. The labelling lists it as a lasting contraindication, so the outcome is *do not
# treat*, not *postpone*.
#
# </details>
#
# ### Precautions and risk factors
#
# These do not forbid treatment by themselves. Several send the person to a doctor first, because the answer
# depends on medical details that a checklist cannot weigh. Notice how many rest on clinic convention rather than
# on studies: for immunosuppression, diabetes or recent radiotherapy no peer-reviewed list was found in a readable
# source.

# %%
risk.checklist_table("precaution", caption="Table 4. Precautions: a yes changes the plan or sends the person to a "
                                           "doctor first.")

# %%
risk.checklist_table("risk_factor", caption="Table 5. Risk factors: a yes makes a problem more likely.")

# %% [markdown]
# Three more questions are about the setting: a home device, the US age rule for authorised devices, and surgery
# in the area under six weeks ago. The checklist in section 4 shows their reasons when you answer *yes*.

# %% [markdown]
# ### Exercise 1 (5 minutes)
#
# Without looking back at the tables, explain from the five consequences: (a) why *Serums not made for needled
# skin* changes the plan, and (b) why *Darker skin type* leads to *proceed with precautions*, not to *do not
# treat*.
#
# <details><summary>Show the solution</summary>
#
# (a) Consequence 5: a serum applied before or during the session is carried through the channels into the
# dermis, where the immune system can react to it; granulomas have followed vitamin C serums used this way. The
# fix is to change the product, not to refuse treatment. (b) Consequence 4: inflamed skin with more melanin is
# more likely to darken (PIH), so the person is warned and the plan changes, but no source forbids treatment. A
# common wrong answer is "darker skin heals worse": the risk the sources name is pigment, not healing.
#
# </details>

# %% [markdown]
# ## 3. Where the sources disagree
#
# A checklist looks certain: every question has one outcome. The sources behind some questions do not agree,
# and a good checklist says so. The clearest case is **isotretinoin** (an oral medicine for acne):
#
# - The **device labelling** contraindicates *current* use only.
# - A **2017 systematic review with consensus recommendations** found too little evidence to justify delaying
#   several superficial procedures after the drug, but it did not search for microneedling.
# - **Drug labelling** (reported secondhand) and many **clinics** still ask for a wait after the last dose, and
#   the clinics do not agree on how long.
#
# This package does not pick a winner: a yes to "stopped within the last year" leads to a referral, so that a
# doctor weighs the person's course. Table 6 lists every rule where the sources pull in different directions.

# %%
risk.disagreements_table(caption="Table 6. Rules on which the sources disagree, with what each side says.")

# %% [markdown]
# **Think!** Compare the strictness of each rule in Table 6 with the kind of evidence behind it. Does the strictest
# source always have the strongest evidence?
#
# <details><summary>Show the answer</summary>
#
# No. The strictest positions often come from device labelling or clinic habit, while the studies behind either
# side are thin. "Nobody has tested this" is a finding too, and a fair summary shows both sides.
#
# </details>

# %% [markdown]
# ## 4. The checklist
#
# **How to use it.** Read each question and choose *yes*, *no* or *unknown*. Everything starts as *unknown*: the
# checklist never assumes a *no*. The result panel on the right states the outcome in words (with an icon), lists
# every reason with its sources, and lists the open questions. Below it, the timeline shows the side effects to
# expect, including complications that your *yes* answers make more likely, and then the aftercare plan. Every
# control works with the keyboard: <kbd>Tab</kbd> to move, <kbd>Space</kbd> or <kbd>Enter</kbd> to press.
#
# **Think!** Predict, then try:
#
# 1. Choose *Case B* in the case list and press **Load case**. Which reason do you expect, and which complication
#    will be added to the timeline?
# 2. Change *Blood thinners* to *yes*. What will happen to the outcome, and will the *Darker skin type* reason
#    stay listed?
# 3. Press **Reset to unknown**, then answer *no* to every contraindication and nothing else. Will the outcome be
#    final?
#
# To keep a record, type a file name such as `my_case.md` or `my_case.html` and press **Save summary**. The file
# is written only then, only where you typed, and nothing you enter is stored anywhere else.

# %%
app = build_checklist_app(disclaimer=False)
app

# %% [markdown]
# <details><summary>Show the answer</summary>
#
# 1. *Darker skin type* gives **Proceed with precautions**, and dark marks (PIH) join the timeline as a
#    complication.
# 2. The outcome rises to **Refer for medical assessment**; the darker-skin reason stays listed, because the
#    outcome is always the most restrictive reason and every *yes* is kept as a reason. Adding a *yes* can never
#    make the outcome less restrictive.
# 3. No. The outcome reads **No flags**, but *provisional*: the precautions, risk factors and information
#    questions are still unknown, and the panel shows the outcome they could lead to. An unknown answer is never
#    counted as a *no*.
#
# </details>

# %% [markdown]
# ## 5. Aftercare, and what it rests on
#
# Aftercare instructions look like medical rules, but **no peer-reviewed aftercare protocol was found**. Most
# steps come from the device maker's patient instructions as reproduced by clinics, or from clinic habit, and
# clinics differ on the details. Where there is a scientific reason (an animal study of how fast the channels
# close, case reports of granulomas after serums), the table names it and says how far it goes.
#
# **Think!** Before you read Table 7, guess: for how many of its steps was the step itself tested in a study?

# %%
risk.aftercare_table(caption="Table 7. The aftercare plan, with the kind of source behind each step. "
                             "Manufacturer instructions and clinic convention show practice, not evidence.")

# %% [markdown]
# <details><summary>Show the answer</summary>
#
# None. The closest are the rule to use only products meant for needled skin (case reports of granulomas make it
# sensible) and the spacing of sessions (what trials did, not a tested optimum). The rest are manufacturer
# instructions or clinic convention, some with a plausible reason, such as the rat study of how long the channels
# stay open.
#
# </details>
#
# ### Exercise 2 (3 minutes)
#
# A clinic leaflet says: "Studies show you must avoid make-up for exactly 48 hours." Using Table 7, say what this
# step really rests on and how you would reword the leaflet honestly.
#
# <details><summary>Show the solution</summary>
#
# The make-up step is **clinic convention**: clinics say 24 to 48 hours, and the interval itself is untested. The
# reasoning (keep products out of fresh channels) fits a rat study in which channels stayed open for hours, but
# that study did not test make-up. An honest leaflet: "Most clinics advise waiting 24 to 48 hours before make-up,
# to keep products out of the fresh channels; the exact time has not been tested."
#
# </details>

# %% [markdown]
# ## 6. Case exercises
#
# ### Exercise 3 (4 minutes)
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
# ### Exercise 4 (4 minutes)
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
review_note("03")

# %%
display_references(cited_by("checklist", "side_effects", "aftercare") + quiz_citations("03_side_effect_risk_checklist"))
