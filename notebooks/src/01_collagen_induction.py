# %% [markdown]
# # The collagen-induction mechanism: the skin a needle enters and what it does next
#
# Microneedling is sold as "collagen induction". To judge that phrase you need to know the skin first: which
# layers a needle passes through, what lives in them, and how a small wound heals, day by day and then month by
# month. This lesson starts there. At the end, a small model of repeated sessions shows what follows from that
# biology, and what nobody has measured yet.
#
# > **Education, not medical advice.** The figures, explorers and the model are teaching pictures, not a guide
# > to choosing a needle, a schedule or a treatment for anyone.

# %% [markdown]
# ## Overview
#
# By the end of this notebook you will be able to:
#
# 1. Identify the layers of facial skin (epidermis, papillary and reticular dermis, and what lies beneath) and the structures in them (vessels, nerves, hair follicles).
# 2. Calculate the depth a needle reaches from its length and a penetration fraction, and name the layer where it ends.
# 3. Describe the four phases of wound healing after microneedling and link each to what the patient sees, and when.
# 4. Explain what the collagen model predicts for repeated sessions and name one thing it cannot claim.
#
# <!-- objective ids (data/objectives.csv): o01_1, o01_2, o01_3, o01_4 -->

# %% [markdown]
# ## Prerequisites
#
# | Concept | Importance |
# |---|---|
# | [Start here](00_start_here.ipynb): running cells, using the controls, the evidence labels | Necessary |
# | Basic biology: cells, proteins, what a wound is | Necessary |
# | Half-life (a quantity that halves at a steady pace) | Helpful (for section 4) |
#
# ## Time to learn
#
# About **100 minutes** in all: about 80 for sections 1–4, the exercises and the quiz, and about 20 for the
# optional *Going deeper* part. The estimate assumes reading at about 130 words a minute (careful study of
# technical text, tables included), plus about a minute for each figure and five minutes for each explorer and
# each exercise.
#
# | Section | Minutes |
# |---|---|
# | Introduction, overview and prerequisites | 4 |
# | 1. The skin of the face (Figure 1, Tables 1–2) | 12 |
# | 2. What a needle reaches (Tables 3–4, Exercise 1, Explorer 1) | 19 |
# | 3. What the skin does next (Figures 2–3, Exercise 2) | 16 |
# | 4. A model of repeated sessions (Figure 4, Explorer 2, Exercise 3) | 17 |
# | Quiz | 12 |
# | Summary and what's next | 3 |
# | Going deeper (optional) | 17 |

# %%
from IPython.display import Markdown, display

from microlib import healing, skin
from microlib.apps.mechanism import build_depth_app, build_healing_app, depth_check, schedule_check
from microlib.loader import load_table
from microlib.plots import mechanism as figures
from microlib.references import display_references, verification_legend
from microlib.review_dates import review_note

# %% [markdown]
# ## 1. The skin of the face (12 min)
#
# Skin is built in layers. From the surface down:
#
# - The **epidermis** is a sheet of cells, only about 0.05 mm thick on the face. It has no blood vessels: a
#   needle that stays in it does not bleed.
# - The **dermis** is the thick, tough layer below. It is connective tissue: **collagen** (rope-like protein fibres
#   that give skin its strength), **elastic fibres** (made of **elastin**, which lets skin spring back), water-holding
#   gel between them, and the cells that make all of this, the **fibroblasts**. The dermis carries the skin's blood
#   vessels and nerves.
#   - The **papillary dermis** is the thin upper part. It rises into small ridges (papillae) under the epidermis,
#     each with tiny blood vessels and nerve endings. A network of small vessels marks its lower edge.
#   - The **reticular dermis** is the thicker, denser part below, with coarse collagen bundles. A deeper network
#     of larger vessels runs along its bottom. **Hair follicles**, the pockets that grow hairs, reach down through
#     it, often into the layer below.
# - Below the dermis lies the **subcutis**: mostly fat, with larger vessels and nerves. The eyelid is the
#   exception: eyelid skin has almost no fat under it, and the **orbicularis oculi**, the ring muscle that closes
#   the eye, lies directly beneath the dermis.
#
# Figure 1 draws this to scale in depth for the forehead of a woman, with the depth that five common needle
# lengths would reach.

# %%
forehead = skin.layer_boundaries("forehead", "female")
five_lengths = skin.reach_table([0.25, 0.5, 1.0, 1.5, 2.0], "forehead", "female")
figures.skin_anatomy(forehead, five_lengths, "forehead, woman", penetration=0.5)

# %% [markdown]
# *Figure 1. Facial skin at the forehead of a woman. Depths are to scale: the dermis thickness is the ultrasound
# mean for this site (Meng 2022), the epidermis and papillary dermis are single typical values (Table 3). Width
# and the positions of vessels, nerves, fibroblasts and the hair follicle are illustrative (after Sorrell and
# Caplan 2004). Right: for each of five needle lengths, the nominal length (dashed outline) and the depth reached
# if half the length goes in (filled bar). The inset enlarges the top 0.15 mm.*
#
# **Think!** The filled bars show the depth reached if half of each needle goes in. Which is the shortest of the
# five needles that reaches the deeper network of blood vessels at the bottom of the dermis? And which structures
# does a 0.25 mm needle reach?
#
# <details><summary>Show the answer</summary>
#
# Only the 2 mm needle: half of it is 1 mm, just past the bottom of the forehead dermis, where the deeper vessels
# run. A 0.25 mm needle reaches into the top of the papillary dermis, where the smallest vessels and the nerve
# endings are, so even short needles can sting and cause pinpoint bleeding. (Static description: a layered
# section with labelled vessels, nerves, fibroblasts and a hair follicle; five pairs of bars, each filled bar half
# as long as its dashed outline.)
#
# </details>
#
# ### How thick is the dermis?
#
# Collagen induction is about the dermis, so its thickness matters. The depth model uses per-site values measured
# by high-frequency ultrasound in healthy adults:

# %%
skin.dermis_student_table()

# %% [markdown]
# Other sources give **only the thinnest and the thickest site**, so they cannot be used per site. They show how
# much measurements disagree:

# %%
skin.ranges_student_table()

# %% [markdown]
# - **Method changes the answer.** Ultrasound reads the epidermis thicker than histology (looking at thin slices
#   of tissue under a microscope), so the model takes the epidermis from histology and the dermis from ultrasound.
#   Both methods find the eyelid dermis the thinnest of the face, but not at the same thickness (Tables 1 and 2).
# - **Population changes the answer.** The Oltulu samples, from an Anatolian population, were thicker than other
#   groups' and were stored tissue, which shrinks during processing. Treat every value as one group's, not a norm.
# - **Body sites differ several-fold.** The body regions in Oltulu 2018 have a dermis several times thicker than
#   the face.

# %% [markdown]
# ## 2. What a needle reaches (19 min)
#
# A needle does not go in to its full length: the skin dents, stretches and pushes back. The share of the length
# that really enters is the **penetration fraction**, so
#
# > **depth reached = penetration fraction × needle length**
#
# Only two studies measured it, and they disagree:
#
# - In **hairless rat skin**, roller needles 0.77 mm long made channels only about 0.15 mm deep: about 20% of the
#   length (Kalluri 2011).
# - In **human skin**, strips of skin from in front of the ear of **one** facelift patient were needled outside
#   the body at 0.5 and 1.5 mm; under the microscope the channels closely matched the needle lengths (Sasaki 2019,
#   read as an abstract).
#
# One is an animal, the other one person's skin removed from the body, so neither settles the question for living
# facial skin, pens or rollers. This lesson therefore uses a wide range, 0.2 to 1.0, and a teaching default of 0.5
# that is not a measurement:

# %%
skin.depth_parameter_student_table()

# %% [markdown]
# The papillary dermis is given one typical depth (0.35 mm below the epidermis), except where the dermis is so
# thin that this would leave less reticular dermis than papillary: there it takes half the dermis. That rule is
# illustrative, not measured.
#
# With the default, here is what five needle lengths reach on the forehead of a woman (the filled bars of Figure 1):

# %%
skin.reach_student_table([0.25, 0.5, 1.0, 1.5, 2.0], "forehead", "female",
                         caption="Table 4. Depth reached at the forehead of a woman, penetration fraction 0.5.")

# %% [markdown]
# You may meet a classification of injuries as *light*, *moderate* or *deep* by needle length, attributed to an
# experimental study by Lima and colleagues (2013). Only the title page of that study could be checked, not its
# cut-offs, so this lesson does **not** use it.
#
# ### Exercise 1: the eyelid (5 min)
#
# A 1.0 mm needle is used on the eyelid of a woman. Use Table 1 and the rule above (epidermis 0.05 mm; papillary
# dermis at most half the dermis). Write down, *before* you open the solution:
#
# - (a) How deep does it reach with the default penetration of 0.5, and in which layer does it end?
# - (b) If, as in the human skin-strip study, nearly the whole length went in, where would it end?
#
# <details><summary>Show the solution</summary>
#
# Work in millimetres. The eyelid dermis of a woman is 0.58 thick, so it ends at 0.05 + 0.58 = 0.63 below the
# surface; the papillary dermis takes half of the dermis (0.29) and ends at 0.05 + 0.29 = 0.34.
#
# (a) 0.5 × 1.0 = 0.5: deeper than 0.34 but not as deep as 0.63, so it ends in the **reticular dermis**.
#
# (b) About 1.0: deeper than the whole dermis, so it would end **in the orbicularis oculi muscle**, with no fat
# in between. The same needle lands in a different layer depending on a number that has barely been
# measured. This is one reason why the eyelid needs particular care, and why the explorer below shows a safety
# note there.
#
# </details>
#
# Open the computed check only after you have written your answer:

# %%
depth_check(1.0, "eyelid", "female")

# %% [markdown]
# ### Explorer 1: skin depth
#
# **Think!** Before you move anything: on which site does a 1.0 mm needle reach the *largest share of the
# dermis*, and why? Then change the needle length, the site and the penetration fraction and check.

# %%
depth_app = build_depth_app(needle_mm=1.5, site="forehead", sex="female", penetration=0.5)
depth_app.widget

# %% [markdown]
# <details><summary>Show the answer</summary>
#
# The eyelid, whose dermis is thinnest: the same depth is a larger share of it. The same needle ends in a
# different layer on different sites and with different penetration fractions, and at the eyelid a long needle
# that goes in fully passes through the dermis into the muscle. (Static description of the explorer: a to-scale
# section of the layers at the chosen site, with its two networks of blood vessels, a needle drawn from the
# surface to the depth reached, and a line of text giving the depth, the layer and the share of the dermis.)
#
# </details>

# %% [markdown]
# ## 3. What the skin does next (16 min)
#
# Each needle makes a tiny wound. Textbooks describe wound healing in four overlapping phases:
#
# 1. **Haemostasis** (stopping the bleeding), at once. Where the needle opened small vessels, **platelets**
#    (cell fragments in the blood) gather and a clot forms. The patient sees **pinpoint bleeding** during the
#    session. A review of microneedling describes the injury releasing **growth factors** (signal proteins that
#    call in other cells and tell them to divide), such as platelet-derived growth factor (Alster and Li 2020).
# 2. **Inflammation**, over the next days. White blood cells arrive to clear debris and germs: first
#    **neutrophils**, then **macrophages**, which also release more signals. Vessels widen and leak a little: the
#    patient sees **redness** and **swelling**, which settle within 72 hours to about 7 days.
# 3. **Proliferation** (rebuilding), from the first week. **Fibroblasts** multiply and lay down new matrix, first
#    rich in **collagen type III**; some become **myofibroblasts**, fibroblasts with muscle-like fibres that pull a
#    wound together. New small vessels grow, and the epidermis is rebuilt: a 3D human skin model had an almost
#    intact epidermis five days after needling. The patient may notice **dryness and flaking** as the surface
#    renews.
# 4. **Remodelling**, over months. Type III collagen is gradually replaced by the stronger **type I**, and fibres
#    are reorganised. The patient sees **slow change**, not an overnight result.
#
# Figure 2 puts the phases and the signs on one time axis.

# %%
phases = load_table("healing_phases")
figures.healing_timeline(phases)

# %% [markdown]
# *Figure 2. Top: the four phases. Haemostasis and inflammation come from general wound healing (Liebl and Kloth
# 2012), proliferation and remodelling from a device maker's description of microneedling (commercial material),
# with general texts adding that remodelling can last a year or more. Bottom: what the patient sees, each sign
# labelled with the phase it belongs to (our reading of the biology): pinpoint bleeding (dermatology society
# page), redness, swelling and flaking (a systematic review, which gathers every study on a question by a stated
# method, and a case-report introduction; thick bar: present, thin bar: settles by; dotted: start not reported;
# diamond: a moment, at once or during the session)
# and the slow change in acne scars in a randomised split-face trial, where one side of each face is treated and
# the other is the comparison (open circle at 3 months: not yet significant; filled circle at 6 months:
# significant; Alam 2014). Time runs on a log scale, so the first days get as much room as the months.*
#
# **Think!** Most phase timings in Figure 2 come from general wound healing or a device maker. Which parts of
# the figure were actually observed after microneedling in people?
#
# <details><summary>Show the answer</summary>
#
# Only the bottom half: the pinpoint bleeding, the redness, swelling and flaking, and the slow change in the scars
# were all seen in people after microneedling. None of the four phase windows was measured after microneedling:
# two come from general wound healing and two from a manufacturer. (Static description: four phase bars on a
# log time axis from the session to a year, and five rows of patient-visible signs below them.)
#
# </details>
#
# **The sources disagree about the phases.** Device makers present the full classical sequence with fixed
# windows. A review argues the opposite:

# %%
display(Markdown("> " + phases.set_index("key").loc["curtailed_claim", "description"]))

# %% [markdown]
# Neither side has measured the phases in people after microneedling.
#
# ### Collagen III first, then collagen I
#
# In human surgical wounds, collagen III was seen from about day 2.5 and collagen I fibres from days 5-6 (Betz
# and colleagues, who studied wounds under the microscope to learn how to tell a wound's age in forensic work). In rats needled once or four times, collagen III was down and collagen I up
# by 10 weeks (Zeitter 2014). Figure 3 sketches that order.

# %%
one_session = healing.simulate(1, 28, 1.5, "forehead", 365, variant="textbook")
observed = phases[phases["key"].isin(["collagen_iii_seen", "collagen_i_seen", "collagen_switch_rat"])]
figures.collagen_switch(figures.collagen_switch_curves(one_session), observed)

# %% [markdown]
# *Figure 3. A sketch, not a measurement: the relative amounts of new collagen III (dashed) and collagen I (solid)
# after one session, drawn with the teaching model of section 4 in its "all new collagen starts as type III"
# setting. Triangles mark the observations in the text. The heights are not to any scale.*
#
# **Think!** A biopsy taken one week after a session and another taken three months after it are both stained
# for collagen III. Which one would you expect to show more, and why?
#
# <details><summary>Show the answer</summary>
#
# The one-week biopsy. Collagen III is the first collagen laid down in a wound and is replaced by type I over the
# following weeks and months, so its share falls with time while type I rises. (Static description: a dashed
# curve that rises first and falls over months, and a solid curve that rises later and falls only slowly.)
#
# </details>
#
# **Elastin changes too, and the direction depends on what is measured.** In two small biopsy studies (a small
# piece of skin is cut out and examined under the microscope), collagen types I, III and VII and newly made
# collagen rose after six sessions two weeks apart; in the study of ageing skin, **tropoelastin** (the building
# block of new elastic fibres) rose while **total elastin** fell (El-Domyati 2015). A falling total beside a
# rising building block is a picture of turnover, not simply of damage. In a later trial, skin elasticity rose 28.2% three months after four monthly sessions while total elastin protein
# did not change (Kenkel 2021).
#
# ### Exercise 2: day 3 (5 min)
#
# A patient writes three days after her first session: her face is still pink and a little puffy, and the skin
# is starting to feel dry. She asks whether this is normal and when her acne scars will look better. Before you
# open the solution, decide: which phase or phases is her skin in, which of her signs are expected, and what
# would you tell her about the scars?
#
# <details><summary>Show the solution</summary>
#
# Her skin is in **inflammation**, which lasts on average 7-14 days in general wound healing, with **proliferation**
# beginning (collagen III is seen from about day 2.5 in human wounds; the device maker places proliferation from
# about day 5). Pink skin and mild swelling are expected and settle within 72 hours to about 7 days; dryness and
# flaking are expected too and settle within about a week. The scars change slowly, during remodelling: in a
# split-face trial the improvement was not yet significant at 3 months and was at 6 months. Redness or pain that
# gets worse instead of better, pus or fever are not part of normal healing and need a clinician (lesson 03).
#
# </details>

# %% [markdown]
# ## 4. A model of repeated sessions (17 min)
#
# Why do courses of three to six sessions, weeks apart, with results "over months", make sense? No published
# model of the biology after microneedling was found, so this package uses a small teaching model built on the
# phases above. Figure 4 shows its chain.

# %%
figures.model_diagram(healing.default_parameters())

# %% [markdown]
# *Figure 4. The teaching model. Each box is a quantity that fades away with its own half-life (the time it takes
# to halve); each arrow feeds the next box. A session counts only if the needle reaches the dermis. The half-lives
# come from wound-healing studies (Table 5 in Going deeper); how much collagen a session makes is fitted to one
# biopsy study (Lotfi 2013: five monthly 1.5 mm sessions, biopsy 8 weeks after the last).*
#
# **Think!** A trial found collagen III gene activity still raised three months after the last session. Which
# box would have to fade more slowly for the model to show collagen still being made that late?
#
# <details><summary>Show the answer</summary>
#
# *Active fibroblasts*: they are the cells that make new collagen, so collagen keeps being laid down only as long
# as they stay active. With its default half-life of 10 days the model's fibroblast activity has almost vanished
# by then; Going deeper shows this mismatch (Kenkel 2021). (Static description: boxes from the needle session
# through injury signal, inflammation and active fibroblasts to new collagen III and I, joined by arrows.)
#
# </details>
#
# ### Explorer 2: healing curves
#
# Read the two panels first. Top: inflammation and activated fibroblasts (1 = the peak after one session).
# Bottom: new collagen as a change from baseline, with a **shaded band** for the uncertainty of the fitted gain and
# the penetration fraction. Triangles mark the sessions. Click *collagen I* or *collagen III* in the legend to add
# each type against its own baseline.
#
# **Think!** With three sessions four weeks apart, when do you expect new collagen to peak: at the last session,
# a few days after it, or weeks after it? Predict, then look at the bottom panel and try other schedules.

# %%
healing_app = build_healing_app(sessions=3, interval_days=28, needle_mm=1.5, site="forehead")
healing_app.widget

# %% [markdown]
# <details><summary>Show the answer</summary>
#
# Weeks after it. Inflammation is over within days of each session and fibroblast activity lasts weeks, so new
# collagen keeps rising for several weeks after the last session before slowly falling. If you show collagen I and
# III from the legend, III looks like the bigger percentage change only because its baseline pool is small. (Static description:
# two panels over a year; spikes of inflammation at each session, broader humps of fibroblast activity, and a
# collagen curve that rises in steps and peaks weeks after the last session, inside a shaded band.)
#
# </details>
#
# ### Exercise 3: spacing the sessions (5 min)
#
# Four sessions with a 1.5 mm needle on the forehead. Schedule A: every 14 days. Schedule B: every 28 days. Which
# does the model say gives more new collagen on day 180, and why? Write your answer before you open the solution.
#
# <details><summary>Show the solution</summary>
#
# Schedule B, by a small margin. In this model every session adds the same response, so the totals are almost
# equal; with B the later sessions happened more recently, so less of their collagen has been broken down by day
# 180. The model has no "best interval": any advantage of spacing in real skin would need a mechanism the model
# does not have.
#
# </details>

# %%
schedule_check(4, (14, 28), 1.5, "forehead", 180)

# %% [markdown]
# ### What the model cannot claim
#
# 1. **One number was fitted to one study** (30 people with acne scars, one roller). Every percentage it shows
#    carries at least the band's uncertainty.
# 2. **Collagen is not appearance.** It predicts nothing about wrinkle or scar grades, or satisfaction.
# 3. **It has no ceiling and no best interval:** more sessions always add more. That is why it stops at 8
#    sessions and 2 years.
# 4. **Depth is its weakest link.** How much of a needle goes in has been measured twice, in a rat and in one
#    patient's skin strips, with different answers.

# %% [markdown]
# ## Quiz
#
# Check your understanding before the summary. Pick an answer and press *Check answer*: the feedback explains
# why, and points back to the section that teaches it.

# %%
from microlib.apps.quiz import show_quiz

show_quiz("01_collagen_induction")

# %% [markdown]
# ## Going deeper (optional, 17 min)
#
# The model's equations, its parameters, how the one number is fitted, how it compares with other studies, and
# what changes when a parameter changes. Nothing here is needed for the quiz.
#
# ### The equations
#
# Five quantities, each emptying with its own half-life like a leaky bucket:
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
# Each rate is $k = \ln 2 / t_{1/2}$. The term $k_r C_3$ stands for **replacement** (type III broken down, type I
# laid down instead), not a chemical conversion. It descends from published wound-healing models (inflammation →
# fibroblasts → collagen, as in Segal 2012). Because each quantity only feeds the next, the response to a course of
# sessions is exactly the sum of the responses to each session, which is how it is calculated.

# %%
figures.model_parameter_table(healing.parameter_table())

# %% [markdown]
# ### One number is fitted
#
# The collagen gain $G$ is set so that the model reproduces one histology result: five monthly 1.5 mm sessions
# and a biopsy 8 weeks after the last. The fit is computed, not typed in:

# %%
fit = healing.calibrate()
print(f"fitted gain G = {fit.gain:.4f} (collagen laid down per reference session, as a share of baseline)")
print(f"target: {fit.target_pct:+.1f}% on day {fit.readout_day} after {fit.sessions} sessions "
      f"{fit.interval_days} days apart (Lotfi 2013)")

# %% [markdown]
# **Depth enters in two ways.** A session counts for the needled layer (what a biopsy samples) once the needle
# reaches the dermis at all. The *whole-dermis* curve scales that by the share of the site's dermis the needle
# reaches, so a deeper needle or a thinner dermis means more of the dermis is remodelled, up to all of it.
#
# ### Observed against the model
#
# One row was used to fit the model; the others can only check it.

# %%
figures.validation_student_table(healing.validation_table())

# %% [markdown]
# - **Lotfi 2013** matches by construction: it is the fitted row, so it cannot also test the model.
# - **El-Domyati 2015**, **Aust 2008** and **Zeitter 2014** confirm only the *direction*; their sizes were not
#   readable.
# - **Kenkel and colleagues 2021** is a **mismatch**: collagen III gene activity was still raised three months
#   after the last session, while the model's fibroblast activity has almost vanished. A fibroblast half-life at
#   the top of its range (45 days) would keep activity going that long, and because the gain is re-fitted each
#   time, the calibration study is still matched (Table 7). The default stays near the cited cell kinetics
#   (about 6 days in a heart-scar model), so the mismatch is left in view rather than fitted away.

# %%
figures.sensitivity_student_table(healing.sensitivity("t_half_fibroblast", [10.0, 20.0, 45.0]),
                                  "Fibroblast half-life (days)")

# %% [markdown]
# - **The "400 %" claim** ("up to 400 % more collagen and elastin six months after four monthly sessions") is
#   repeated on clinic pages and attributed to a 2008 study, but the 2008 abstract gives no percentage. It is
#   **unverified**, so the model is not fitted to it; the table only shows how many times the calibrated response
#   it would need.
#
# ### Collagen III before collagen I
#
# In human wounds collagen III is seen a couple of days before collagen I. The default model lays down a fixed
# mix and cannot show that order. Switch Explorer 2's *collagen III model* to `textbook` and show collagen III from
# the legend: all new collagen now starts as type III (the setting Figure 3 used). The cost shows at once: for six
# sessions two weeks apart, collagen III climbs far above anything a study has reported:

# %%
textbook = healing.simulate(6, 14, 1.5, "forehead", 90, variant="textbook")
default = healing.simulate(6, 14, 1.5, "forehead", 90)
print(f"day 90, collagen III against its baseline: default {default.loc[90, 'collagen_iii']:+.0f}%, "
      f"textbook {textbook.loc[90, 'collagen_iii']:+.0f}%")

# %% [markdown]
# ### Published schedules side by side
#
# Three studies used different schedules: three sessions two weeks apart (Alam 2014), five monthly sessions
# (Dogra 2014) and six sessions two weeks apart (El-Domyati 2015). Their needle lengths could not be confirmed,
# so the model assumes the needle reaches the dermis and shows the needled layer, which does not depend on the
# exact length.

# %%
frames = healing.simulate_protocols(["alam2014", "dogra2014", "eldomyati2015_acne"], days=300)
figures.protocol_comparison(frames)

# %% [markdown]
# *Figure 5. Model new collagen (needled layer) for three published schedules.*
#
# **Think!** Which schedule ends highest on day 300, and does that make it the best treatment?
#
# <details><summary>Show the answer</summary>
#
# El-Domyati's, the one with the most sessions (six). In this model more sessions always mean more collagen and
# the timing only shifts when the peak comes; that is a limit of the model, not a finding about treatment. (Static
# description:
# three step-like curves, one per schedule.)
#
# </details>

# %% [markdown]
# ## Summary
#
# - Facial skin has a very thin epidermis without blood vessels, a papillary dermis with the smallest vessels and
#   nerve endings, a thicker reticular dermis with coarse collagen, and below it fat, or at the eyelid the muscle
#   that closes the eye.
# - The dermis is roughly a millimetre thick on the face and thinnest at the eyelid; measurements differ by site,
#   sex, method and population.
# - Depth reached = penetration fraction × needle length. Only a rat study and one patient's skin strips measured
#   the fraction, and they disagree, so "1.5 mm" does not tell you the depth.
# - A needle wound heals in four phases: haemostasis (pinpoint bleeding), inflammation (redness and swelling for
#   a few days), proliferation (new matrix rich in collagen III, flaking skin) and remodelling (collagen I replaces
#   III, with change over months).
# - The teaching model turns those phases into curves for repeated sessions: each session adds a short wave of
#   inflammation, weeks of fibroblast activity and new collagen that peaks weeks after the last session.
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
review_note("01")

# %%
display(Markdown(verification_legend()))
display_references(healing.cited_keys())
