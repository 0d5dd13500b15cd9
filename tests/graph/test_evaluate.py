"""The quality bar: seed, extra, held-out and non-ILO annotated stories scored by the gold rules."""
from pathlib import Path

import pytest

from graph.evaluate import evaluate, score
from graph.records import Entity, EntityKind, Field, Link, Mention, ResolvedStory, StoryRecord

ROOT = Path(__file__).resolve().parents[2]


# (gold, stories, bar for people/organizations/places/campaigns, bar for themes), and bars of their own for the kinds a
# set has since risen on: regression bars just under the scores measured when they were set
SETS = {
    "seed": ("tests/seed-gold.json", "seeds/ilo-news-2021.txt", 0.95, 0.99),
    "extra": ("tests/data/extra-gold.json", "tests/data/extra-stories.txt", 0.85, 0.96),
    "heldout2": ("tests/data/heldout2-gold.json", "tests/data/heldout2-stories.txt", 0.85, 0.88),
    "heldout3": ("tests/data/heldout3-gold.json", "tests/data/heldout3-stories.txt", 0.85, 0.94),
    # other publishers (UN agencies, unions, NGOs, banks, governments, courts, companies): see tests/data/NONILO.md;
    # campaign bars of batches 1 and 4-8 just under the scores after the programme forms (branch extract7)
    # (batch 1's themes: 0.855 before extract21's third theme, 0.852 after, 0.8499 with the model trained on batches
    # 1-23: bar 0.84; the held-out gain of both is in tests/data/NONILO.md)
    "nonilo1": ("tests/data/nonilo1-gold.json", "tests/data/nonilo1-stories.txt", 0.92, 0.84,
                {"people": 0.98, "organizations": 0.96, "places": 0.97, "campaigns": 0.97}),
    "nonilo2": ("tests/data/nonilo2-gold.json", "tests/data/nonilo2-stories.txt", 0.92, 0.85,
                {"people": 0.99, "organizations": 0.94, "places": 0.94, "campaigns": 0.96}),
    "nonilo3": ("tests/data/nonilo3-gold.json", "tests/data/nonilo3-stories.txt", 0.95, 0.80,
                {"organizations": 0.96, "places": 0.97, "campaigns": 0.96}),
    # sealed until the end of the session that fixed batch 3, then scored once (0.930/0.867/0.944/0.605/0.665), and
    # an open regression set since: its bars are under the scores after the general rules of the next session
    "nonilo4": ("tests/data/nonilo4-gold.json", "tests/data/nonilo4-stories.txt", 0.85, 0.77,
                {"people": 0.95, "organizations": 0.92, "places": 0.97, "campaigns": 0.93}),
    # sealed until the batch 1-4 rules were merged, then scored once (0.911/0.908/0.946/0.738/0.704; before those
    # rules 0.898/0.904/0.936/0.704/0.679); an open set since: bars just under the scores after the theme selection
    # and campaign forms studied on it (branch extract4)
    "nonilo5": ("tests/data/nonilo5-gold.json", "tests/data/nonilo5-stories.txt", 0.90, 0.79,
                {"people": 0.93, "organizations": 0.94, "places": 0.94, "campaigns": 0.95}),
    # sealed until the batch 1-5 rules were merged, then scored once (0.937/0.868/0.935/0.733/0.650; before this
    # session's rules 0.930/0.868/0.935/0.643/0.633): regression bars just under that unseen score, themes' just under
    # the score after topic evidence (branch extract5: 0.683)
    # (campaigns just under the score after action names (extract9); themes just under the score of the model trained
    # on batches 1-11, 0.697: 0.701 with batches 1-10)
    "nonilo6": ("tests/data/nonilo6-gold.json", "tests/data/nonilo6-stories.txt", 0.86, 0.72,
                {"people": 0.93, "organizations": 0.90, "places": 0.93, "campaigns": 0.93}),
    # sealed until the topic evidence (extract5) was merged, then scored once (0.943/0.927/0.968/0.581/0.770; at the
    # start of that session 0.943/0.922/0.951/0.600/0.728): regression bars just under that unseen score, campaigns'
    # and organizations' just under the scores after the campaign forms (branch extract6: 0.889, 0.934)
    "nonilo7": ("tests/data/nonilo7-gold.json", "tests/data/nonilo7-stories.txt", 0.58, 0.80,
                {"people": 0.96, "organizations": 0.95, "places": 0.96, "campaigns": 0.94}),
    # sealed until the campaign forms (extract6) were merged, then scored once (0.900/0.890/0.950/0.476/0.719; at the
    # start of that session 0.884/0.884/0.932/0.400/0.688): regression bars just under that unseen score, campaigns'
    # just under the score after the programme forms and acting bodies (branch extract7: 0.609); batches 5-7's campaign bars likewise
    "nonilo8": ("tests/data/nonilo8-gold.json", "tests/data/nonilo8-stories.txt", 0.47, 0.75,
                {"people": 0.96, "organizations": 0.93, "places": 0.94, "campaigns": 0.93}),
    # sealed until the programme forms and acting bodies (extract7) were merged, then scored once: 0.857/0.893/0.932/
    # 0.598/0.714, the same as on main before that round (602e320): regression bars just under that unseen score;
    # themes' and campaigns' just under the scores after learned theme evidence and bare movement/scheme names (branch
    # extract8: 0.727, 0.669; the theme model is trained on batches 1-9, so every batch's theme score is now seen)
    "nonilo9": ("tests/data/nonilo9-gold.json", "tests/data/nonilo9-stories.txt", 0.59, 0.74,
                {"people": 0.92, "organizations": 0.93, "places": 0.93, "campaigns": 0.96}),
    # sealed until the learned theme evidence (extract8) was merged, then scored once: 0.873/0.891/0.942/0.500/0.716,
    # the same as on main before that round (90e2374): regression bars just under that unseen score; campaigns' just
    # under the score after action names (extract9: 0.696; the theme model now trains on batch 10, so its themes are seen)
    "nonilo10": ("tests/data/nonilo10-gold.json", "tests/data/nonilo10-stories.txt", 0.49, 0.74,
                 {"people": 0.93, "organizations": 0.92, "places": 0.94, "campaigns": 0.91}),
    # sealed until action names and the theme model trained on batch 10 (extract9) were merged, then scored once:
    # 0.906/0.872/0.952/0.500/0.722, the same as on main before that round (e336fd1): regression bars just under it
    "nonilo11": ("tests/data/nonilo11-gold.json", "tests/data/nonilo11-stories.txt", 0.49, 0.75,
                 {"people": 0.93, "organizations": 0.89, "places": 0.95, "campaigns": 0.89}),
    # sealed until kind appositions, place owners and bare regions (extract10) were merged, then scored once:
    # 0.902/0.819/0.908/0.756/0.680 (before that round, 763bb5e: 0.902/0.812/0.908/0.756/0.678); an open set since:
    # bars just under the scores after the company, brand and party gazetteers and the name forms (extract11)
    "nonilo12": ("tests/data/nonilo12-gold.json", "tests/data/nonilo12-stories.txt", 0.81, 0.70,
                 {"people": 0.95, "organizations": 0.93, "places": 0.90, "campaigns": 0.99}),
    # sealed until those gazetteers and name forms (extract11) were merged, then scored once: 0.914/0.875/0.959/
    # 0.689/0.754 (before that round, 3b25832: 0.914/0.863/0.959/0.689/0.754): bars just under the scores after the
    # two fixes its errors showed (an owner's possessive left out of a name; a defined acronym beats the gazetteer's)
    # (batches 4, 5 and 7-13: campaigns', themes' and batch 13's people's bars just under the scores after the funded
    # programmes, lower plans, campaign fronts and theme labels of extract12; batch 13's themes' bar at 0.77 since
    # the model trained on batch 16 too: 0.787 -> 0.779)
    "nonilo13": ("tests/data/nonilo13-gold.json", "tests/data/nonilo13-stories.txt", 0.76, 0.77,
                 {"people": 0.93, "organizations": 0.92, "places": 0.95, "campaigns": 0.86}),
    # sealed (batches 14 and 15, two new annotators, 2015-2019 and 2020-2025) until the campaign forms and theme labels
    # of extract12 were merged, then scored once: 0.916/0.885/0.971/0.710/0.707 and 0.944/0.908/0.947/0.692/0.720
    # (before that round, c41a1c0: 0.916/0.882/0.971/0.667/0.709 and 0.944/0.908/0.947/0.692/0.716); bars just under
    # the scores with the theme model trained on batches 1-15 (themes 0.724 and 0.725)
    # (themes: every set's bar just under its score after the learned veto of a doubted lone theme, extract13; the model
    # is trained on batches 1-15, so those scores are seen: the held-out gain is in tests/data/NONILO.md)
    "nonilo14": ("tests/data/nonilo14-gold.json", "tests/data/nonilo14-stories.txt", 0.70, 0.73,
                 {"people": 0.95, "organizations": 0.94, "places": 0.97, "campaigns": 0.93}),
    "nonilo15": ("tests/data/nonilo15-gold.json", "tests/data/nonilo15-stories.txt", 0.69, 0.73,
                 {"people": 0.96, "organizations": 0.93, "places": 0.94, "campaigns": 0.89}),
    # (batches 8-12 and 14-16: campaigns' bars just under the scores after extract14's role tails, launched slogans,
    # roadmap/deal/pilot/incentive/strike heads, "known as", and the campaign gazetteer, whose gains are seen)
    # sealed (batch 16, a new annotator, 2014-2025) until the theme veto of extract13 was merged, then scored once:
    # 0.915/0.885/0.939/0.560/0.669 (before that round, e2dcae1: 0.915/0.885/0.939/0.560/0.657): bars just under the
    # scores with the theme model trained on batches 1-16 (themes 0.664)
    "nonilo16": ("tests/data/nonilo16-gold.json", "tests/data/nonilo16-stories.txt", 0.55, 0.66,
                 {"people": 0.95, "organizations": 0.91, "places": 0.93, "campaigns": 0.96}),
    # sealed (batch 17, a new annotator, 2016-2024) until the campaign forms and gazetteer of extract14 were merged,
    # then scored once: 0.927/0.849/0.955/0.671/0.710 (before that round, 475fc5f: 0.922/0.842/0.955/0.575/0.710):
    # bars just under the scores with the theme model trained on batches 1-17 (themes 0.714) and the day's-name fix its
    # errors showed (campaigns 0.733)
    # (organizations' bars of batches 5, 6, 8-17, campaigns' of 6, 10, 11, 13, 14, 16, 17 and people's of 9, 14, 15, 17
    # just under the scores after extract16's organization and campaign forms, chosen leave-one-batch-out: NONILO.md)
    # (themes: 0.721 after extract17's aside, 0.708 with the model trained on batches 1-19: bar 0.70)
    "nonilo17": ("tests/data/nonilo17-gold.json", "tests/data/nonilo17-stories.txt", 0.72, 0.70,
                 {"people": 0.94, "organizations": 0.88, "places": 0.95, "campaigns": 0.79}),
    # sealed (batches 18 and 19, two new annotators, 2011-2016 and 2017-2024, 10 and 9 gold campaigns) through the
    # tenth session's rounds (extract16, extract17, speed13), then scored once: 0.922/0.890/0.928/0.667/0.735 and
    # 0.962/0.916/0.974/0.894/0.710 (before those rounds, 61c9349: 0.917/0.879/0.928/0.632/0.739 and
    # 0.955/0.904/0.974/0.894/0.705): bars just under the unseen scores (themes with the model trained on
    # batches 1-19, seen: 0.755 and 0.728); campaigns 0.737 and 1.000, organizations 0.895 (18) after extract18's
    # programmes of bodies, chosen leave-one-batch-out (seen: NONILO.md)
    "nonilo18": ("tests/data/nonilo18-gold.json", "tests/data/nonilo18-stories.txt", 0.73, 0.73,
                 {"people": 0.93, "organizations": 0.90, "places": 0.92, "campaigns": 0.79}),
    "nonilo19": ("tests/data/nonilo19-gold.json", "tests/data/nonilo19-stories.txt", 0.99, 0.70,
                 {"people": 0.97, "organizations": 0.93, "places": 0.97}),
    # sealed (batches 20 and 21, two new annotators, 2014-2019 and 2020-2025, 12 and 10 gold campaigns) through
    # extract18 and the model trained on batches 1-19, then scored once: 0.924/0.941/0.947/0.526/0.727 and
    # 0.902/0.807/0.931/0.625/0.698 (before, 7088053: 0.924/0.941/0.947/0.526/0.725 and 0.902/0.807/0.931/0.625/
    # 0.698): bars just under the unseen scores (themes with the model trained on batches 1-21, seen: 0.747, 0.719);
    # after extract19's guessed people that are things or bodies (seen): people 0.933 and 0.914, organizations 0.949
    # and 0.825 (batch 19's people 0.980; batches 8, 12 and 16's people 0.934, 0.942, 0.946)
    # (people's and organizations' bars of batches 1, 2, 4, 5, 7, 8, 10-19 and 21 at least 0.01 under the scores after
    # extract22's UN prefixes, body heads, employers' gazetteer and guessed-people readings, chosen leave-one-batch-out:
    # NONILO.md)
    "nonilo20": ("tests/data/nonilo20-gold.json", "tests/data/nonilo20-stories.txt", 0.52, 0.72,
                 {"people": 0.93, "organizations": 0.94, "places": 0.94, "campaigns": 0.80}),
    "nonilo21": ("tests/data/nonilo21-gold.json", "tests/data/nonilo21-stories.txt", 0.62, 0.69,
                 {"people": 0.94, "organizations": 0.87, "places": 0.93, "campaigns": 0.83}),
    # sealed (batches 22 and 23, two new annotators, 2012-2018 and 2019-2025, 16 and 18 gold campaigns) through
    # extract19 and extract20, then opened: before (c0552e8) 0.928/0.857/0.943/0.645/0.745 and 0.837/0.904/0.949/0.621/
    # 0.749; unseen after extract19 0.937/0.857/0.943/0.645/0.745 and 0.859/0.901/0.949/0.621/0.749, and the same after
    # extract20 (no campaign change carried): bars just under those unseen scores
    "nonilo22": ("tests/data/nonilo22-gold.json", "tests/data/nonilo22-stories.txt", 0.63, 0.73,
                 {"people": 0.93, "organizations": 0.85, "places": 0.94, "campaigns": 0.96}),
    "nonilo23": ("tests/data/nonilo23-gold.json", "tests/data/nonilo23-stories.txt", 0.61, 0.74,
                 {"people": 0.86, "organizations": 0.89, "places": 0.94, "campaigns": 0.93}),
    # sealed (batches 26 and 27, two new annotators, 2010-2014 and 2015-2018, 23 and 17 gold campaigns; committed in
    # tests/data/sealed/) through the twelfth session's rounds (extract25-32), then opened: before (df060a6)
    # 0.884/0.941/0.933/0.640/0.702 and 0.932/0.863/0.955/0.571/0.740; unseen after them 0.895/0.951/0.933/0.794/0.734
    # and 0.923/0.892/0.951/0.690/0.748: bars just under those unseen scores (themes with the model trained on
    # batches 1-27, seen: 0.767 and 0.772)
    "nonilo26": ("tests/data/nonilo26-gold.json", "tests/data/nonilo26-stories.txt", 0.78, 0.75,
                 {"people": 0.88, "organizations": 0.94, "places": 0.92}),
    "nonilo27": ("tests/data/nonilo27-gold.json", "tests/data/nonilo27-stories.txt", 0.68, 0.76,
                 {"people": 0.91, "organizations": 0.88, "places": 0.94}),
    # sealed (batches 28 and 29, two new annotators, 2019-2021 and 2022-2025, 25 and 19 gold campaigns) through the
    # twelfth and thirteenth sessions' rounds (extract25-37), then opened: before (df060a6) 0.955/0.921/0.939/0.700/0.724
    # and 0.901/0.880/0.894/0.489/0.705; unseen after them (da60769) 0.969/0.932/0.943/0.779/0.725 and
    # 0.920/0.897/0.900/0.836/0.720: bars just under those unseen scores (themes with the model trained on batches 1-29,
    # seen: 0.794 and 0.778)
    "nonilo28": ("tests/data/nonilo28-gold.json", "tests/data/nonilo28-stories.txt", 0.77, 0.78,
                 {"people": 0.96, "organizations": 0.93, "places": 0.94}),
    "nonilo29": ("tests/data/nonilo29-gold.json", "tests/data/nonilo29-stories.txt", 0.83, 0.77,
                 {"people": 0.91, "organizations": 0.89, "places": 0.89}),
    # sealed (batches 30 and 31, two new annotators, 2011-2019 and 2020-2025, 26 and 16 gold campaigns) through the
    # thirteenth session's rounds and the fourteenth's extract39, then opened: before (b008c0c) 0.931/0.845/0.955/0.739/
    # 0.633 and 0.952/0.937/0.896/0.621/0.707; unseen after them (cbc5746) 0.939/0.883/0.951/0.783/0.664 and
    # 0.943/0.941/0.913/0.690/0.715: bars just under those unseen scores (themes with the model trained on batches 1-31,
    # seen: 0.741 and 0.779)
    "nonilo30": ("tests/data/nonilo30-gold.json", "tests/data/nonilo30-stories.txt", 0.78, 0.73,
                 {"people": 0.93, "organizations": 0.88, "places": 0.95}),
    "nonilo31": ("tests/data/nonilo31-gold.json", "tests/data/nonilo31-stories.txt", 0.68, 0.77,
                 {"people": 0.94, "organizations": 0.94, "places": 0.91}),
    # sealed (batches 32 and 33, two new annotators, 2011-2024 and 2013-2025, 14 and 15 gold campaigns) through the
    # thirteenth session's rounds, the fourteenth's and the fifteenth's extract40-42, then opened: before (7710f64)
    # 0.949/0.913/0.915/0.786/0.690 and 0.940/0.877/0.924/0.774/0.691; unseen after them (34a3ce2)
    # 0.959/0.933/0.921/0.897/0.703 and 0.959/0.901/0.940/0.832/0.704: bars just under those unseen scores (themes
    # with the model trained on batches 1-33, seen: 0.778 and 0.777)
    "nonilo32": ("tests/data/nonilo32-gold.json", "tests/data/nonilo32-stories.txt", 0.89, 0.77,
                 {"people": 0.95, "organizations": 0.93, "places": 0.92}),
    "nonilo33": ("tests/data/nonilo33-gold.json", "tests/data/nonilo33-stories.txt", 0.83, 0.77,
                 {"people": 0.95, "organizations": 0.90, "places": 0.93}),
    # sealed (batches 34 and 35, two new annotators, 2012-2018 and 2019-2025, 26 and 17 gold campaigns) through the
    # fourteenth, fifteenth and sixteenth sessions' rounds (extract39-47, speed46), then opened: before (2537b3c)
    # 0.879/0.921/0.927/0.669/0.712 and 0.895/0.909/0.936/0.645/0.721; unseen after them (cf82fc8)
    # 0.897/0.940/0.927/0.669/0.730 and 0.935/0.925/0.939/0.688/0.743: bars just under those unseen scores (themes
    # with the model trained on batches 1-35, seen: 0.800 and 0.821)
    "nonilo34": ("tests/data/nonilo34-gold.json", "tests/data/nonilo34-stories.txt", 0.66, 0.79,
                 {"people": 0.89, "organizations": 0.93, "places": 0.92}),
    "nonilo35": ("tests/data/nonilo35-gold.json", "tests/data/nonilo35-stories.txt", 0.68, 0.81,
                 {"people": 0.93, "organizations": 0.92, "places": 0.93}),
    # sealed (batches 36 and 37, two new annotators, 2009-2016 and 2017-2025, 19 gold campaigns each) through the
    # fifteenth, sixteenth and seventeenth sessions' rounds (extract40-49, speed46, speed47), then opened: before (d246f05)
    # 0.918/0.888/0.971/0.859/0.715 and 0.941/0.924/0.937/0.778/0.737; unseen after them (2f185cf)
    # 0.929/0.888/0.971/0.860/0.717 and 0.951/0.924/0.937/0.778/0.774: bars just under those unseen scores (themes
    # with the model trained on batches 1-37, seen: 0.847 and 0.860)
    "nonilo36": ("tests/data/nonilo36-gold.json", "tests/data/nonilo36-stories.txt", 0.85, 0.84,
                 {"people": 0.92, "organizations": 0.88, "places": 0.97}),
    "nonilo37": ("tests/data/nonilo37-gold.json", "tests/data/nonilo37-stories.txt", 0.77, 0.85,
                 {"people": 0.95, "organizations": 0.92, "places": 0.93}),
    # sealed (batches 38 and 39, two new annotators, 2010-2017 and 2018-2025, 18 and 15 gold campaigns) through the
    # sixteenth, seventeenth and eighteenth sessions' rounds (extract46-50, themes50, speed46-48), then opened: before
    # (424a223) 0.907/0.892/0.937/0.645/0.724 and 0.915/0.893/0.918/0.929/0.699; unseen after them (7d22699)
    # 0.907/0.892/0.937/0.692/0.753 and 0.915/0.893/0.918/0.929/0.751: bars just under those unseen scores (themes
    # with the model trained on batches 1-39, seen: 0.850 and 0.850)
    "nonilo38": ("tests/data/nonilo38-gold.json", "tests/data/nonilo38-stories.txt", 0.69, 0.84,
                 {"people": 0.90, "organizations": 0.89, "places": 0.93}),
    "nonilo39": ("tests/data/nonilo39-gold.json", "tests/data/nonilo39-stories.txt", 0.92, 0.84,
                 {"people": 0.91, "organizations": 0.89, "places": 0.91}),
    # sealed (batches 40 and 41, two new annotators, 2008-2016 and 2017-2025, 26 and 13 gold campaigns) through the
    # seventeenth, eighteenth and nineteenth sessions' rounds (extract48-50, themes50, campaigns51, speed47-50), then
    # opened: before (1174b70) 0.959/0.887/0.935/0.714/0.678 and 0.877/0.934/0.919/0.736/0.750; unseen after them
    # (the nineteenth session's merges) 0.959/0.894/0.935/0.757/0.712 and 0.877/0.935/0.919/0.736/0.780: bars just
    # under those (themes unseen too: the model stays trained on batches 1-39, tests/data/NONILO.md, "The nineteenth
    # session's sealed batches")
    "nonilo40": ("tests/data/nonilo40-gold.json", "tests/data/nonilo40-stories.txt", 0.75, 0.71,
                 {"people": 0.95, "organizations": 0.89, "places": 0.93}),
    "nonilo41": ("tests/data/nonilo41-gold.json", "tests/data/nonilo41-stories.txt", 0.73, 0.77,
                 {"people": 0.87, "organizations": 0.93, "places": 0.91}),
    # sealed (batches 42 and 43, two new annotators, 2000-2012 and 2013-2025, 20 and 15 gold campaigns) through the
    # eighteenth, nineteenth and twentieth sessions' rounds (extract50, themes50, campaigns51, themes53, people53,
    # campaigns53, speed48-51), then opened: before (840f305) 0.943/0.888/0.936/0.877/0.747 and
    # 0.935/0.917/0.922/0.857/0.764; unseen after them (the twentieth session's merges, the theme model on batches
    # 1-39) 0.943/0.888/0.936/0.877/0.761 and 0.935/0.921/0.922/0.857/0.783: bars just under those (tests/data/NONILO.md,
    # "The twentieth session's sealed batches")
    "nonilo42": ("tests/data/nonilo42-gold.json", "tests/data/nonilo42-stories.txt", 0.87, 0.76,
                 {"people": 0.94, "organizations": 0.88, "places": 0.93}),
    "nonilo43": ("tests/data/nonilo43-gold.json", "tests/data/nonilo43-stories.txt", 0.85, 0.78,
                 {"people": 0.93, "organizations": 0.92, "places": 0.92}),
    # sealed (batches 44 and 45, two new annotators, 2009-2018 and 2019-2025, 20 and 22 gold campaigns) through the
    # nineteenth, twentieth and twenty-first sessions' rounds (campaigns51, people53, campaigns53, orgs54, people55,
    # campaigns55, speed50-53), then opened: before (0d38997) 0.971/0.933/0.924/0.556/0.766 and
    # 0.918/0.926/0.945/0.667/0.723; unseen after them (the twenty-first session's merges, the theme model on batches
    # 1-43) 0.971/0.933/0.924/0.595/0.749 and 0.933/0.936/0.948/0.667/0.723: bars just under those (themes unseen too;
    # tests/data/NONILO.md, "The twenty-first session's sealed batches")
    "nonilo44": ("tests/data/nonilo44-gold.json", "tests/data/nonilo44-stories.txt", 0.59, 0.74,
                 {"people": 0.97, "organizations": 0.93, "places": 0.92}),
    "nonilo45": ("tests/data/nonilo45-gold.json", "tests/data/nonilo45-stories.txt", 0.66, 0.72,
                 {"people": 0.93, "organizations": 0.93, "places": 0.94}),
    # sealed (batches 46 and 47, two new annotators, 2004-2015 and 2017-2024, 24 and 20 gold campaigns) through the
    # twentieth, twenty-first and twenty-second sessions' rounds (themes53, people53, campaigns53, orgs54, people55,
    # campaigns55, people57, campaigns57, speed51-56), then opened: before (1bff812) 0.939/0.962/0.968/0.914/0.715 and
    # 0.909/0.916/0.956/0.811/0.747; unseen after them (the twenty-second session's merges, the theme model on batches
    # 1-45) 0.939/0.962/0.965/0.914/0.725 and 0.909/0.921/0.956/0.811/0.761: bars just under those (themes unseen too;
    # tests/data/NONILO.md, "The twenty-second session's sealed batches")
    "nonilo46": ("tests/data/nonilo46-gold.json", "tests/data/nonilo46-stories.txt", 0.91, 0.72,
                 {"people": 0.93, "organizations": 0.96, "places": 0.96}),
    "nonilo47": ("tests/data/nonilo47-gold.json", "tests/data/nonilo47-stories.txt", 0.81, 0.76,
                 {"people": 0.90, "organizations": 0.92, "places": 0.95}),
    # sealed (batches 48 and 49, two new annotators, 2007-2016 and 2017-2024, 26 and 21 gold campaigns) through the
    # twenty-first, twenty-second and twenty-third sessions' rounds (people57, campaigns57, people58, campaigns58,
    # people59, campaigns59, speed54-57), then opened: before (3da3ed7) 0.939/0.919/0.934/0.821/0.779 and
    # 0.907/0.918/0.910/0.588/0.748; unseen after them (the twenty-third session's merges, the theme model on batches
    # 1-47) 0.939/0.919/0.948/0.844/0.770 and 0.907/0.925/0.935/0.647/0.761: bars just under those (themes unseen too;
    # tests/data/NONILO.md, "The twenty-third session's sealed batches")
    "nonilo48": ("tests/data/nonilo48-gold.json", "tests/data/nonilo48-stories.txt", 0.84, 0.76,
                 {"people": 0.93, "organizations": 0.91, "places": 0.94}),
    "nonilo49": ("tests/data/nonilo49-gold.json", "tests/data/nonilo49-stories.txt", 0.64, 0.76,
                 {"people": 0.90, "organizations": 0.92, "places": 0.93}),
    # sealed (batches 50 and 51, two new annotators, 2008-2016 and 2018-2025, 14 and 10 gold campaigns) through the
    # twenty-second, twenty-third and twenty-fourth sessions' rounds (people57-61, campaigns57-61, themes62,
    # speed54-58), then opened: before (31bdbff) 0.938/0.894/0.912/0.805/0.792 and 0.933/0.921/0.934/0.783/0.742; unseen
    # after them (the twenty-fourth session's merges, the theme model on batches 1-49) 0.938/0.894/0.942/0.805/0.781 and
    # 0.933/0.924/0.958/0.783/0.752: bars just under those (themes unseen too; tests/data/NONILO.md, "The twenty-fourth
    # session's sealed batches")
    "nonilo50": ("tests/data/nonilo50-gold.json", "tests/data/nonilo50-stories.txt", 0.80, 0.77,
                 {"people": 0.93, "organizations": 0.89, "places": 0.94}),
    "nonilo51": ("tests/data/nonilo51-gold.json", "tests/data/nonilo51-stories.txt", 0.78, 0.75,
                 {"people": 0.93, "organizations": 0.92, "places": 0.95}),
}
# (campaigns of batches 6, 9-14, 17, 18, 20 and 21: bars just under the scores after extract20's campaign forms, each
# chosen leave-one-batch-out; the gains are seen: tests/data/NONILO.md)
# (campaigns of batches 1, 13, 22 and 23 and people of 23: bars just under the scores after extract23's naming cues,
# exclaimed and dashed slogans, listed programmes and lower-case heads (0.982, 0.871, 0.971, 0.941; people 0.871),
# read off batches 22 and 23's errors, so seen: tests/data/NONILO.md)
ENTITY_KINDS = ("people", "organizations", "places", "campaigns")


@pytest.fixture(scope="module")
def reports():
    cache = {}

    def report(name):
        if name not in cache:
            gold, stories = SETS[name][:2]
            cache[name] = evaluate(ROOT / gold, ROOT / stories)
        return cache[name]
    return report


@pytest.fixture(scope="module")
def seed_report(reports):
    return reports("seed")


@pytest.mark.parametrize("name", SETS)
@pytest.mark.parametrize("kind", [*ENTITY_KINDS, "themes"])
def test_each_annotated_set_reaches_its_f1_bar(reports, name, kind):
    _, _, entity_bar, theme_bar, *own = SETS[name]
    bar = (own[0] if own else {}).get(kind, theme_bar if kind == "themes" else entity_bar)
    report = reports(name)
    assert report.scores[kind].f1 >= bar, report.format(errors=True)


def _resolved(*entities: Entity) -> ResolvedStory:
    story = StoryRecord("t", "s", None)
    mention = Mention(EntityKind.ORGANIZATION, "t", Field.TITLE, 0, 1, "rule", 1.0)
    return ResolvedStory(story, "urn:s", tuple(Link(e, mention) for e in entities))


def test_scorer_counts_alias_matches_extras_and_misses():
    gold = [{"n": 1, "organizations": [{"name": "International Labour Organization", "aliases": ["ILO"]},
                                        {"name": "World Bank", "aliases": []}],
             "optional": ["Grammy"]}]
    found = _resolved(Entity("urn:o/ilo", EntityKind.ORGANIZATION, "I.L.O", ("ILO",)),
                      Entity("urn:o/x", EntityKind.ORGANIZATION, "Acme"),
                      Entity("urn:o/g", EntityKind.ORGANIZATION, "GRAMMY"))
    s = score(gold, [found]).scores["organizations"]
    assert (s.matched_gold, s.gold, s.matched_predictions, s.predictions) == (1, 2, 1, 2)
    assert s.precision == 0.5 and s.recall == 0.5


def test_report_table_names_every_type(seed_report):
    table = seed_report.format()
    for kind in ("people", "organizations", "places", "campaigns", "themes"):
        assert kind in table
