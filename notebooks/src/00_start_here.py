# %% [markdown]
# # Start here: microneedling, taught from the evidence
#
# Welcome. This short notebook tells you what the package teaches, how to move through it, how to use the
# notebooks, and how to read the labels that say how sure each piece of evidence is.
#
# > **Education, not medical advice.** These lessons explain how microneedling works and what the studies show.
# > They are not a clinical decision tool and must not be used to decide whether a real person should be treated.

# %% [markdown]
# ## Overview
#
# By the end of this notebook you will be able to:
#
# 1. Describe what the package teaches and for whom, and explain why it is education and not a tool for
#    deciding anyone's treatment.
# 2. Choose the next lesson from the learning path, and run a lesson's cells and interactive controls in the
#    right order.
# 3. Explain how every number in the lessons is tied to a source, and what each verification label (primary,
#    secondary, commercial, unverified) allows a lesson to do with it.
# 4. Tell apart the kinds of evidence label with the evidence-labels card: how a source was read, what kind of
#    source it is, and how strong a study design is.

# %% [markdown]
# ## Prerequisites
#
# | Concept | Importance |
# |---|---|
# | Opening a notebook in JupyterLab (`make lab` does it for you) | Necessary |
# | Basic biology: cells, proteins, the idea of a wound healing | Helpful |
# | Reading a simple chart with labelled axes | Helpful |
#
# No programming is needed: each lesson is text with a few short code cells that you run as they are.

# %% [markdown]
# ## Time to learn
#
# About **50 minutes**. The figures assume reading at about 130 words a minute, a common working figure for
# careful study of technical text (everyday reading is nearer 240), and count the words of the tables and the quiz
# too, plus 5 minutes for each exercise and for trying the glossary.
#
# | Section | Minutes |
# |---|---|
# | Introduction, overview and this page | 4 |
# | 1–2. What the package teaches, and the learning path | 3 |
# | 3. How to use these notebooks (with the glossary) | 8 |
# | 4–5. How the evidence is kept honest, and the evidence labels | 10 |
# | Exercises (2) | 12 |
# | Quiz | 10 |
# | Summary, what's next and the optional set-up check | 3 |

# %% [markdown]
# ## 1. Who this is for and what it teaches
#
# **Microneedling** (also called *collagen induction therapy*) pricks the skin many times with fine needles. The
# needles pass through the **epidermis** (the thin outer layer of the skin, which has no blood vessels) into the
# **dermis** (the layer below, which holds the collagen, the blood vessels and the nerves), and the skin then
# repairs the tiny wounds.
#
# The package is written for **students** of dermatology, aesthetics, nursing and allied health, and for
# **trainers** who teach them. It replaces the marketing articles that dominate searches on microneedling with
# lessons that show the evidence, its strength, and its gaps. The lessons follow one question: *what does the
# needle really do, and how sure are we?*
#
# ## 2. The learning path
#
# | Step | Notebook | What you will learn |
# |---|---|---|
# | 0 | **Start here** (this notebook) | How the package works, and how to read the evidence labels |
# | 1 | [01 — The collagen-induction mechanism](01_collagen_induction.ipynb) | The layers of the skin, what a needle of a given length reaches, how a wound heals, and what repeated sessions may do |
# | 2 | [02 — Conditions compared on the evidence](02_conditions_compared.ipynb) | Which conditions have been studied, with which designs, how many people, and how strong the evidence is |
# | 3 | [03 — Side-effect risk checklist](03_side_effect_risk_checklist.ipynb) | Reasons to wait or not to treat, expected effects versus complications, aftercare, and where sources disagree |
# | 4 | [04 — Claims versus evidence](04_claims_vs_evidence.ipynb) | How to check a marketing claim, and the warning signs of advertorials |
#
# Take them in order: each lesson builds on the one before. Trainers will find lesson plans in
# `docs/trainer_guide.md`.

# %% [markdown]
# ## 3. How to use these notebooks
#
# - **Run a cell**: click into it and press <kbd>Shift</kbd>+<kbd>Enter</kbd>. The number in `[ ]` at the left
#   shows the order in which cells ran.
# - **Run everything**: menu *Run → Run All Cells*. Do this first in every lesson: the interactive controls only
#   work once the cell that makes them has run in *your* session.
# - **Interactive controls** are the drop-down lists, buttons and sliders. Change one and the text or figure next
#   to it updates. If a control shows as plain text, run its cell again. All of them work with the keyboard:
#   <kbd>Tab</kbd> to move, <kbd>Space</kbd> or <kbd>Enter</kbd> to press, arrow keys to choose.
# - **Figures** are interactive: hover for values, drag to zoom, double-click to reset.
# - **Think!** boxes ask you to predict before you look. Write your answer down, then open *Show the answer*.
# - Nothing you type is sent anywhere: everything runs on your own computer.
#
# Try a control now: the glossary below holds every term the lessons use. Each term is also explained where a
# lesson first uses it.
#
# **Think!** Pick *Koebner phenomenon*, then *Keloid*. Both cards end with a line of sources. Which definition was
# checked in the original source, and which only in a copy or summary? Predict first: would you trust them
# equally?

# %%
from microlib.apps.glossary import build_glossary_app
from microlib.review_dates import review_note

glossary = build_glossary_app()
glossary

# %% [markdown]
# <details><summary>Show the answer</summary>
#
# *Koebner phenomenon* was checked in the original source (a medical reference text); *Keloid* was checked in a
# copy of a dermatology association's page and in a book chapter reproduced online. Both are usable, but a
# definition read only in a copy is a little less certain: the copy could be out of date or altered. The same
# labels are used for every number in the lessons (section 4).
#
# </details>

# %% [markdown]
# ## 4. How the evidence is kept honest
#
# Every number, claim and rule that a lesson shows comes from a table in the `data/` folder. Each row names its
# sources and says **how it was verified**, and the label decides what a lesson may do with it:
#
# - **primary** (read in the original source) and **secondary** (read in a copy or summary, so slightly less
#   certain): the value may be shown as data, with its label;
# - **commercial** (read on a maker's or clinic's page): it may be quoted as a claim about practice, never as a
#   finding;
# - **unverified** (remembered or repeated, not confirmed): it is **never shown as data**. Where the studies are
#   silent, the lessons say so.
#
# The tables are checked every time they load: a missing source, or a value outside its allowed range, stops the
# lesson with a message naming the file, row and column, so a mistake cannot slip in quietly.

# %% [markdown]
# ## 5. How to read the evidence labels
#
# The verification label is one of several kinds of label you will meet. They answer different questions, and it
# is easy to mix them up. Several rate **study designs**, so here are the designs by name:
#
# - a **randomised controlled trial** (RCT): chance decides who gets the treatment and who gets the comparison,
#   so the groups differ only by the treatment;
# - a **split-face** trial: one side of each person's face is treated and the other side is the comparison;
# - a **case series**: a group is treated and measured before and after, with nobody left untreated;
# - a **systematic review**: a search of the literature by a stated method, appraising every study found;
# - a **meta-analysis**: the results of several studies pooled into one estimate, usually inside a systematic
#   review.
#
# The **level of evidence** ranks these designs by how well they can answer *does this treatment help?*, from 1
# (strongest) to 5. The card below is the one place that explains every kind of label; the other lessons point
# back to it.
#
# **Think!** A clinic quotes a systematic review. In our data its row says *secondary*, and the review sits at
# level 3. Before you read the card: which of those two labels is about how carefully *we* read the review, and
# which is about how strong its design is?

# %%
from microlib.glossary import evidence_labels_card

evidence_labels_card()

# %% [markdown]
# <details><summary>Show the answer</summary>
#
# *Secondary* is the **verification label**: it says the review was read in a copy, not how good the review is.
# *Level 3* is the **level of evidence**: the review pools mostly non-randomised studies, so its design can answer
# "does it help?" less well than a review of randomised trials. A row can be read in the original and still be
# weak evidence, or read in a copy and be strong evidence. Keep the two questions apart.
#
# </details>

# %% [markdown]
# ## Exercises
#
# **Exercise 1 — label the source.** A clinic's web page says its device "reaches the deep dermis". A lesson
# wants to quote the page to show how clinics describe the procedure. Which verification label would that row
# carry, and may the lesson present the depth as a measured fact?
#
# <details><summary>Show the solution</summary>
#
# It would be labelled **commercial**: it was read on a clinic's page. Commercial material shows how the
# procedure is marketed and practised, not what was measured, so the lesson may quote it as *a claim* but not
# present the depth as a finding. Lesson 01 shows what the measurements say about real needle depth.
#
# </details>
#
# **Exercise 2 — name the design.** An article cites a study in which 30 people with acne scars had four
# sessions, and their scars were graded before the first and after the last. Nobody was left untreated. Use the
# card: which design is this, at which level of evidence, and what can it *not* show?
#
# <details><summary>Show the solution</summary>
#
# It is a **case series**, at **level 4**. It shows that the scars of these people improved, but not how much
# they would have improved anyway, or with another treatment, because there was no comparison group. A common
# wrong answer is "a trial, because people were treated": a trial needs a comparison, and a randomised one lets
# chance choose who is treated.
#
# </details>

# %% [markdown]
# ## Quiz
#
# Four quick questions to check that you are ready for lesson 01. Pick an answer and press *Check answer*;
# the feedback says why.

# %%
from microlib.apps.quiz import show_quiz

show_quiz("00_start_here")

# %% [markdown]
# ## Summary
#
# - The package has four lessons, taken in order: mechanism, conditions, risks, and claims.
# - Run every lesson from the top (*Run → Run All Cells*) before using its controls.
# - Every number you will see is cited and labelled with how it was verified; unverified values are not shown
#   as data.
# - Several kinds of label rate different things: how a source was read, what kind of source it is, how strong a
#   study design is, and the verdicts and outcomes of lessons 02–04. The card in section 5 explains them all.
#
# ## What's next
#
# Open [01 — The collagen-induction mechanism](01_collagen_induction.ipynb).

# %% [markdown]
# ## Check your set-up (optional)
#
# If a lesson's figures or controls do not appear, run the next cell. It checks the versions of the main
# packages, that the parts that draw controls and figures are installed, and that every data table loads and
# cites its sources.
#
# **Think!** Every line should start with ✔. What would you do if one started with ✘?

# %%
import microlib

report = microlib.doctor()

# %% [markdown]
# <details><summary>Show the answer</summary>
#
# Close JupyterLab and run `make lab` again from the repository folder: it reinstalls the tested set of packages.
# A ⚠ line is a warning only (for example a newer Python than the one the lessons were tested with).
#
# </details>

# %% [markdown]
# ## Resources and references
#
# Sources behind the glossary definitions and the evidence-labels card:

# %%
review_note("00")

# %%
from microlib.references import cited_by, display_references

display_references(cited_by("glossary", "evidence_labels", "evidence_levels"))
