# %% [markdown]
# # Claims versus evidence: reading microneedling marketing critically
#
# Four marketing articles about microneedling made 82 distinct claims between them. Each claim was checked
# against the published evidence. This lesson shows what was found, and teaches you to check the next claim
# you meet yourself.
#
# > **Education, not medical advice.** The verdicts below describe the published evidence for groups of
# > people. They do not say whether a particular person should or should not be treated.

# %% [markdown]
# ## Overview
#
# By the end of this notebook you will be able to:
#
# 1. Give a claim one of the five verdicts (supported, partly supported, overstated, contradicted, unverifiable) and justify it from the evidence.
# 2. Choose, for a given claim, the kind of source that could settle it, and state what a study of that design can and cannot show.
# 3. Read the verdicts on the 82 claims by topic, and find the notebook that teaches each topic.
# 4. Spot advertorial red flags in a health text, and name the question each one should make you ask.

# %% [markdown]
# ## Prerequisites
#
# | Concept | Importance | Where |
# |---|---|---|
# | How microneedling makes controlled wounds | Necessary | [01 — mechanism](01_collagen_induction.ipynb) |
# | Randomised, split-face and uncontrolled studies | Necessary | [02 — conditions](02_conditions_compared.ipynb) |
# | Expected effects versus complications | Helpful | [03 — risk checklist](03_side_effect_risk_checklist.ipynb) |
# | The evidence labels (the claim verdicts are one kind of label) | Helpful | [00 — evidence-labels card](00_start_here.ipynb) |

# %% [markdown]
# ## Time to learn
#
# About **60 minutes**. The estimate counts the words you read (lesson text and tables) at 130 words a minute,
# a common pace for technical study text, plus a minute for each figure, five minutes for the claims browser and
# five for each exercise.
#
# | Section | Minutes |
# |---|---|
# | Overview, prerequisites and this plan | 3 |
# | 1. Five verdicts, and what each looks like | 4 |
# | 2. How to check a claim (with exercise 1) | 10 |
# | 3. The 82 claims by verdict and topic (with the browser) | 11 |
# | 4. Spot the red flags (with exercises 2 and 3) | 22 |
# | Quiz, summary and what's next | 10 |

# %%
from microlib.apps.claims import build_claims_app
from microlib.apps.quiz import show_quiz
from microlib.claims import red_flag_counts_table, red_flags_table_for_students, verdict_counts, verdict_examples_table
from microlib.plots.claims import verdict_bar, verdicts_by_topic
from microlib.quiz import quiz_citations
from microlib.references import cited_by, display_references
from microlib.review_dates import review_note

# %% [markdown]
# ## 1. Five verdicts, and what each looks like
#
# Every claim got one of five verdicts:
#
# | Verdict | Meaning |
# |---|---|
# | ✔ **supported** | The literature broadly agrees with the claim. |
# | ◐ **partly supported** | True in part: only for some uses, only with an add-on, or only weakly evidenced. |
# | ▲ **overstated** | There is a kernel of truth, but the size or reach of the effect is exaggerated. |
# | ✘ **contradicted** | The evidence says otherwise. |
# | ? **unverifiable** | No evidence either way; usually a clinic habit. |
#
# The icon always comes with the word, so nothing depends on colour. These verdicts are one of several kinds of
# evidence label in the course; the card in [notebook 00](00_start_here.ipynb) (section 5) sets them side by side.
#
# **Think!** Table 1 shows one claim of each kind, in our words. Before you read the verdicts, cover the first
# column: "It works wonders on acne scars and gets rid of them" and "there is no risk of skin discoloration".
# Which is overstated and which is contradicted, and what is the difference?

# %%
verdict_examples_table()

# %% [markdown]
# <details><summary>Show the answer</summary>
#
# "It improves acne scars" is supported; "it gets rid of them" turns the same evidence into a promise the
# studies do not make, so it is **overstated**. "No risk of discoloration" is not an exaggeration of a true
# statement: the studies report the opposite, so it is **contradicted**.
#
# </details>

# %% [markdown]
# ## 2. How to check a claim
#
# Five steps turn a sentence in an advert into a question you can answer.
#
# 1. **Restate the claim precisely.** Who, what, compared with what, measured how, and when? "Works wonders on
#    scars" becomes "in people with acne scars, does microneedling improve a blinded scar grade, compared with no
#    treatment, at 6 months?"
# 2. **Ask what source could settle it.** A claim about *what happens to patients* needs studies in patients; a
#    claim about *what is allowed* needs the law or the regulator; a claim about *what clinics do* needs clinic
#    protocols (which show practice, not evidence).
# 3. **Know what each design can show.**
#
#    | Design | Can show | Cannot show |
#    |---|---|---|
#    | Randomised controlled or split-face trial | Whether the treatment, rather than time or hope, caused a change | Results in people unlike those enrolled; rare harms (too few people) |
#    | Case series without a control group | That a change happened after treatment; which side effects occur and how often | Whether the treatment caused the change |
#    | Laboratory or animal study | A mechanism that might work in people | What happens in human patients |
#    | Systematic review | What all the studies found together, and how good they were | More than the studies it pools |
#    | Regulator's decision or label | What a device is authorised for, and in whom | How well it works in everyday practice |
#    | Clinic or manufacturer page | What is done in practice | Whether it is right |
#
# 4. **Find and read the source**, at least the abstract, and note how you read it (the original or a copy).
# 5. **Give a verdict** and say what would change it.
#
# **Worked example.** An article says that, *as per research, there is no risk of discoloration*.
# Step 1: in people having microneedling, how often do dark marks (post-inflammatory hyperpigmentation) follow?
# Step 2: case series and trials that report side effects. Step 3: case series are fine for this question,
# because it asks how often something happens, not whether the treatment caused an improvement. Step 4: one
# series of 32 patients reported dark marks in 7; another of 30 patients with darker skin reported them in 5.
# The "research" the article alludes to matches the title of a 2008 experiment in rats. Step 5:
# **contradicted**.

# %% [markdown]
# ### Exercise 1: which source would settle it?
#
# For each claim, name the kind of source that could settle it and one thing that source could *not* tell you.
#
# a. "In some cases microneedling works as well as laser therapy."
# b. "Only a dermatologist is allowed to perform microneedling."
# c. "Avoid make-up for 24 hours afterwards."
#
# <details><summary>Show the solution</summary>
#
# a. A **randomised trial comparing the two head to head** (or a systematic review of such trials). The trials
#    found were small: "no significant difference" in a small trial is not proof that the two are equal, and
#    they cannot show rare harms. Verdict in our table: partly supported.
#
# b. **The law or regulator** in the place concerned. In the US, state rules decide, and they differ; a
#    professional body's advice to see a dermatologist is a recommendation, not a rule. It cannot tell you who
#    does it *well*. Verdict in our table: contradicted.
#
# c. Ideally **a trial comparing aftercare routines**; none exists. Laboratory data on how fast needle channels
#    close make the rule plausible but were not designed to test it. Verdict in our table: partly supported.
#
# </details>

# %% [markdown]
# ## 3. The 82 claims by verdict and topic
#
# Figure 1 counts the verdicts across all four articles.
#
# **Think!** Before you look: of 82 claims in marketing articles, what share would you guess is plainly
# supported by the evidence: most, about half, or fewer?

# %%
verdict_bar(verdict_counts())

# %% [markdown]
# *Figure 1. Verdicts on the 82 distinct claims in four marketing articles: number of claims per verdict, the
# count written at the end of each bar; the icon, the word and the fill pattern all mark the verdict.*
#
# <details><summary>Show the answer</summary>
#
# Fewer than half: only about a third of the claims are plainly supported. Most are true only in part or are
# stretched beyond the evidence.
#
# </details>
#
# Figure 2 splits the same claims by topic.
#
# **Think!** Predict: in which topic will the ? unverifiable claims sit, and why might no study have tested them?

# %%
verdicts_by_topic(verdict_counts(by_topic=True))

# %% [markdown]
# *Figure 2. Verdicts by topic: number of claims per topic, each bar split by verdict (colour and fill pattern
# both mark the verdict, and the key names each with its icon).*
#
# <details><summary>Show the answer</summary>
#
# Aftercare holds all the unverifiable claims: the rules are clinic habits that no study has tested. The ✘
# contradicted claims are spread out: one each in procedure, skin biology, benefits, who may perform it, side
# effects and skin type.
#
# </details>

# %% [markdown]
# ### Browse the claims
#
# Pick a topic and a verdict. The chart shows the verdicts for the chosen topic; the table lists the matching
# claims, what the evidence says, the sources, and the notebook that teaches the topic.
#
# **Think!** The browser opens on side effects. Before you read the table: can the same studies support one
# claim about side effects and contradict another? Look for the claims that promise *no* risk.

# %%
claims_app = build_claims_app(topic="side_effects")
claims_app.widget

# %% [markdown]
# <details><summary>Show the answer</summary>
#
# Yes. The claims about *frequent, mild* effects are supported, while the claims that promise *no* risk are
# contradicted: the same studies back the first and refute the second.
#
# </details>

# %% [markdown]
# ## 4. Spot the red flags
#
# Some signals in a text tell you it is selling rather than informing. Table 2 lists the ones found in the four
# articles (and two common elsewhere). Each comes with a question you can ask.

# %%
red_flags_table_for_students(caption="Table 2. Red flags of advertorials: what each looks like, why it matters, "
                                      "and the question to ask.")

# %% [markdown]
# How often did the wording of a claim carry each signal? Page-level signals (adverts, missing authors) belong to
# whole articles, so they count zero claims in Table 3.
#
# **Think!** Which signal do you expect to find most often in the wording of the claims themselves?

# %%
red_flag_counts_table(caption="Table 3. How many of the 82 claims carry each signal in their own wording.")

# %% [markdown]
# <details><summary>Show the answer</summary>
#
# Absolute or superlative words ("no risk", "gets rid of") are by far the most common, followed by the promise
# of one treatment for everything. They are also the easiest to spot: look for words that leave no room for
# exceptions.
#
# </details>

# %% [markdown]
# ### Exercise 2: find the red flags
#
# The paragraph below was **invented for this exercise**; it imitates the style of the articles without quoting
# them. List every red flag you can find, then open the solution.
#
# > *Posted by admin.* Book now at our downtown skin studio! Research proves microneedling is 100% safe, with
# > no risk for any skin type. Just one session erases scars, wrinkles, large pores, sweating and hair loss, and
# > you will see tight, flawless skin the same evening. Studies show up to 400% more collagen, and the device is
# > FDA approved, so the benefits clearly outweigh any risks.
#
# <details><summary>Show the solution</summary>
#
# - **No real author** ("admin") and **an advert for a clinic** ("book now").
# - **Vague appeal to research**: "research proves", "studies show", with nothing named.
# - **Absolute words**: "100% safe", "no risk", "erases", "flawless".
# - **One treatment for everything**: scars, wrinkles, pores, sweating and hair loss in one breath; the sweating
#   studies used a different (radiofrequency) device.
# - **Instant results**: "the same evening"; trials measure change over months.
# - **Impressive number with no source**: "400%" is not in the abstract of the study it is usually pinned on.
# - **Regulator name-dropping**: "FDA approved" without saying for what; devices are authorised for specific uses.
# - **Verdict on benefit versus risk with no weighing**.
#
# </details>

# %% [markdown]
# ### Exercise 3: give a verdict
#
# An article says that with numbing cream "the customer does not feel any pain". Using the table of verdicts,
# which verdict would you give, and why? (Hint: browse the topic *procedure* above.)
#
# <details><summary>Show the solution</summary>
#
# **Overstated**. Numbing cream is standard and does help, so there is a kernel of truth, but pain is
# one of the most often reported effects: in a randomised trial on stretch marks, microneedling scored about 5
# out of 10 for pain. "Not any pain" stretches a partial truth into a promise. A related claim, that the procedure
# *itself* numbs the skin, is contradicted.
#
# </details>

# %% [markdown]
# ## Quiz
#
# Five questions. Choose an answer and press *Check answer*; the feedback says in words whether you were right
# and why.

# %%
show_quiz("04_claims_vs_evidence")

# %% [markdown]
# ## Summary
#
# - Of 82 claims in four marketing articles, about a third are supported; most are partly supported or
#   overstated, six are contradicted, and three (all aftercare rules) cannot be checked at all.
# - To check a claim: restate it precisely, ask which source could settle it, know what that design can and
#   cannot show, read it, then give a verdict.
# - The strongest warning signs are absolute words, vague appeals to research, instant results, cure-all lists,
#   and commercial interest that is not declared.
# - A gap in the evidence is a finding: "nobody has tested this" is an honest verdict.
#
# ## What's next
#
# Go back to the notebook that teaches any claim you found surprising: the browser above links each topic to
# its lesson. Trainers: the trainer guide in the `docs` folder has answers and discussion prompts for every
# notebook.

# %% [markdown]
# ## References
#
# Sources behind the verdicts, the red flags and the quiz above. How each was read:

# %%
review_note("04")

# %%
display_references(cited_by("claims", "red_flags") + quiz_citations("04_claims_vs_evidence"))
