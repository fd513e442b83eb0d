# %% [markdown]
# # Start here: microneedling, taught from the evidence
#
# Welcome. This short notebook tells you what the package teaches, how to move through it, how to use the
# notebooks, and checks that your computer is ready.
#
# > **Education, not medical advice.** These lessons explain how microneedling works and what the studies show.
# > They are not a clinical decision tool and must not be used to decide whether a real person should be treated.

# %% [markdown]
# ## Overview
#
# By the end of this notebook you will be able to:
#
# 1. **Describe** what the package covers and who it is for.
# 2. **Choose** the next lesson from the learning path.
# 3. **Run** cells and **use** the interactive controls (widgets) in the lessons.
# 4. **Check** that your environment is ready, and read the result.
# 5. **Explain** how every number in the lessons is tied to a source, and what "verified" means here.

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
# About **15 minutes** (10 minutes reading, 5 minutes trying the widgets).

# %% [markdown]
# ## Who this is for and what it teaches
#
# The package is written for **students** of dermatology, aesthetics, nursing and allied health, and for
# **trainers** who teach them. It replaces the marketing articles that dominate searches on microneedling with
# lessons that show the evidence, its strength, and its gaps.
#
# Microneedling (also called *collagen induction therapy*) pricks the skin many times with fine needles. The
# lessons follow one question through four notebooks: *what does the needle really do, and how sure are we?*
#
# ## The learning path
#
# | Step | Notebook | What you will learn |
# |---|---|---|
# | 0 | **Start here** (this notebook) | How the package works; environment check |
# | 1 | [01 — The collagen-induction mechanism](01_collagen_induction.ipynb) | Skin layers, what a needle of a given length reaches, the wound-healing cascade, and a calibrated model of repeated sessions (with its limits) |
# | 2 | [02 — Conditions compared on the evidence](02_conditions_compared.ipynb) | Which conditions have been studied, with which designs, how many people, and how strong the evidence is |
# | 3 | [03 — Side-effect risk checklist](03_side_effect_risk_checklist.ipynb) | Contraindications and precautions, expected effects versus complications, aftercare, and where sources disagree |
# | 4 | [04 — Claims versus evidence](04_claims_vs_evidence.ipynb) | How to check a marketing claim, and the red flags of advertorials |
#
# Take them in order: each lesson builds on the one before. Trainers will find lesson plans in
# `docs/trainer_guide.md` and presenting instructions in `docs/presenting.md`.

# %% [markdown]
# ## How to use these notebooks
#
# - **Run a cell**: click into it and press <kbd>Shift</kbd>+<kbd>Enter</kbd>. The number in `[ ]` at the left
#   shows the order in which cells ran.
# - **Run everything**: menu *Run → Run All Cells*. Do this first in every lesson, because widgets only work
#   when the cell that makes them has run in *your* session.
# - **Widgets** are the sliders, drop-down lists and buttons. Change one and the text or figure next to it
#   updates. If a widget shows as plain text, run its cell again.
# - **Figures** are interactive: hover for values, drag to zoom, double-click to reset.
# - **Exercises** ask you to predict first, then check. The answer is hidden under *Show the solution*; click
#   it only after you have committed to an answer.
# - Nothing you type is sent anywhere: everything runs on your own computer, offline.
#
# Try a widget now. Run the next cell, then pick a different term from the list.

# %%
from microlib.apps.glossary import build_glossary_app

glossary = build_glossary_app()
glossary.widget

# %% [markdown]
# The card under the list changes with your choice. Notice the line at the bottom of each card: every
# definition names the sources it was checked against, and how it was checked.

# %% [markdown]
# ## Check your environment
#
# The next cell checks the versions of the main packages, that the widget and figure front-ends are installed,
# which figure renderer is active, and that every data table loads and cites its sources. Every line should
# start with ✔. If one starts with ✘, close JupyterLab and run `make lab` again from the repository folder; it
# repairs the environment.

# %%
import microlib

report = microlib.doctor()

# %% [markdown]
# ## How the evidence is kept honest
#
# Every number, claim and rule that a lesson shows comes from a table in the `data/` folder. Each row carries
# **citation keys** into one references table and a note of **how it was verified**:
#
# - **primary**: read in the original source (the journal, PubMed, the regulator or the device label);
# - **secondary**: read in a copy or a summary of that source, so slightly less certain;
# - **commercial**: read on a manufacturer's or clinic's page, which shows what practice looks like, not
#   what the evidence shows;
# - **unverified**: remembered or repeated but not confirmed. Such values are **never shown as data**. Where the
#   literature is silent, the lessons say so: a gap is a finding too.
#
# The tables are checked every time they load. A missing source, a wrong type or a value outside its allowed
# range stops the lesson with a message naming the file, row and column, so an error cannot slip in quietly.

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
# **Exercise 2 — read the environment check.** Suppose the `anywidget` line of the check above started with ✘.
# Predict what you would see in lesson 01, and what you would do about it.
#
# <details><summary>Show the solution</summary>
#
# Interactive figures (plotly `FigureWidget`s) need the anywidget front-end, so the explorers in lesson 01
# would show an error or plain text instead of a chart, while ordinary figures and text would still work. The
# fix is to close JupyterLab and run `make lab` again, which reinstalls the pinned environment.
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
# - Run every lesson from the top (*Run → Run All Cells*) before using its widgets.
# - Every number you will see is cited, and labelled with how it was verified; unverified values are not shown
#   as data.
# - This is education, not medical advice.
#
# ## What's next
#
# Open [01 — The collagen-induction mechanism](01_collagen_induction.ipynb).

# %% [markdown]
# ## Resources and references
#
# Sources behind the glossary definitions used above:

# %%
from microlib.references import cited_by, display_references

display_references(cited_by("glossary"))
