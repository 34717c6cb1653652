"""Figures of speech about pain, tiredness, sport, work and devices ("my knees are
killing me", "my phone died"). They only withdraw the *classifier's* crisis or
red-flag guess; a lexicon match is never withdrawn by them.

How to add one: add an alternative to the list below, in normalised lower-case
text, and a near-miss row to a tune table; bench/safety_eval.py --model shows the
classifier's false alarms.
"""

from __future__ import annotations

import re

# ---------------------------------------------------------------------------
# The classifier's second opinion. A `crisis` or `red_flag` guess without a lexicon
# match is only a question (the check question, the red-flag screening question);
# it is dropped when the message is a figure of speech about pain, tiredness,
# sport, work or a device, or, for red flags, names no body symptom at all.
# ---------------------------------------------------------------------------
FIGURES_OF_SPEECH = re.compile("|".join((
    r"\b(?:is|are|was|were|'s|'re|keeps?|kept) (?:\w+ )?(?:killing|murdering|slaying|destroying|wrecking"
    r"|torturing) (?:me|my|us)\b",
    r"\b(?:kill|killed|killing|smash|smashed|crush|crushed|nail|nailed|ace|aced) (?:it|that)\b",
    r"\b(?:i'?d|i would|i could) (?:kill|die) for\b|\bdying (?:to|for)\b|\bto die for\b",
    r"\b(?:the )?death of me\b|\bdead (?:tired|on my feet|to the world|beat|end|last|set on)\b",
    r"\b(?:so|too|that) (?:tired|bored|hungry|embarrassed|sore|full) (?:that )?i could (?:die|drop)\b",
    r"\b(?:phone|battery|batteries|laptop|computer|app|tablet|kindle|watch|fitbit|tens|charger|car|printer"
    r"|router|wifi|telly|tv|heat (?:pack|pad)|hearing aids?|blanket|recliner|dryer|hoover|camera|remote)\b"
    r"[^.?!]{0,25}\b(?:dead|dying|died|kill\w*|murder\w*|crash\w*|froze|fried|shot|last legs|had it|kaput)\b",
    r"\b(?:kill|force quit|restart) (?:the |this )?(?:app|tab|program|process)\b",
    r"\b(?:went|go|going|was|it'?s) (?:\w+ )?(?:on|to) (?:the|my|that|this) (?:last lap|hill|5k|10k|treadmill"
    r"|rower|court|field|pitch|course)\b",
    r"\b(?:died|die|dying|killed|murdered|slaughtered|destroyed|thrashed|hammered|crucified|bombed)"
    r" (?:on|at|in) (?:the )?(?:last|final|second|first|quiz|bowls|darts|tennis|netball|golf|rugby|league"
    r"|half|lap|set|game|match|review|meeting)\b",
    r"\b(?:we|they|our team|the team|you) (?:got )?(?:killed|murdered|slaughtered|destroyed|thrashed"
    r"|hammered|crucified)\b",
    r"\b(?:boss|manager|coworker|co-worker|colleague|job|work|meeting|deadline|commute|shift|project"
    r"|spreadsheet|inbox|overtime|payroll|office)\b[^.?!]{0,30}\b(?:kill\w*|murder\w*|death|dead|die|dying"
    r"|torture|nightmare|hell|bloodbath|drown\w*|sucking the life)\b",
    r"\b(?:kill|murder|strangle) (?:my|the|whoever|him|her) (?:\w+ )?(?:boss|manager|coworker|colleague"
    r"|printer|broke|if)\b",
    r"\b(?:die|died|dying|dead) (?:on|at|in|during) (?:the|my|that|this|a) (?:last lap|hill|5k|10k|run|walk"
    r"|ride|climb|stairs|treadmill|rower|court|field|pitch|course|class|session|workout|game|match)\b",
    r"\b(?:was|is|'s) (?:absolute |pure |sheer |just )?torture\b",
    r"\b(?:sciatica|back|knees?|hips?|neck|shoulders?|body|legs|feet|pain|arthritis|fibro|headache|migraine"
    r"|head|spine|joints|gut|bladder)\b (?:\w+ ){0,2}?"
    r"(?:wants me dead|is trying to kill me|hates me)\b",
    r"\b(?:swing|battery|phone|career|social life|love life|garden|plants?|joke|party|town|team|game)\b"
    r" (?:is|was|'s) (?:\w+ )?dead\b",
    r"\b(?:i'?m|im) (?:so |literally )?dead(?= *(?:$|[.!,]|\blol\b|\bhaha\b))",
    r"\bdoing suicides\b|\bsuicides? (?:drills?|sprints?|runs?)\b",
    r"\b(?:deadline|plan|idea|schedule|timeline) (?:is|was|'s) suicide\b",
    r"\bi'?d rather die than (?:go|do|sit|listen|watch|eat|wear|attend|work)\b",
    r"\bdone with (?:this|my|the) (?:job|work|boss|course|class|project|shift)\b",
    r"\b(?:going to|gonna|will) (?:be )?(?:hurt|hurting|sore|feel it) (?:tomorrow|in the morning|later)\b",
    r"\bcrawl (?:back )?into bed\b",
    r"\bkills? my (?:knees|back|feet|hips?|neck|legs|shoulders?|wrists?|joints|ankles?)\b",
    r"\bshot myself in the foot\b|\bthe pits\b|\bthrough the roof\b|\bgiving me hell\b"
    r"|\bhurts? like hell\b|\bscreaming at me\b|\bhit by a (?:truck|bus)\b",
    # Sixth pass: exercise that "killed" someone, a limb that "went dead", plain tiredness and
    # sleeping positions (the classifier's guesses on tune table 3 and the first tune table).
    r"\b(?:coach|trainer|instructor|class|relay|race|run|hike|ride|session|workout|circuit|bootcamp|spin"
    r"|pilates|yoga|zumba|gym|training|lunges|burpees|squats|parkrun|swim|laps?|rowing machine|treadmill)\b"
    r"[^.?!]{0,30}\b(?:kill(?:ed|s|ing)?|murder\w*|slay\w*|destroy\w*|wreck\w*|finish\w* me off)\b",
    r"\b(?:arm|leg|hand|foot|fingers?|toes?|bum)s? (?:goes|went|go|going|gone|is|was|are|keeps going) dead\b",
    r"\b(?:i'?m|im|i am) (?:so |absolutely |totally |completely )?(?:toast|cooked|knackered|zonked|shattered"
    r"|pooped|buggered|wiped out)\b",
    r"\bneed (?:a|my|some) (?:nap|coffee|sleep|break|holiday|cuppa|lie down)"
    r" or i'?ll (?:die|drop|collapse)\b",
    r"\bsleep(?:s|ing)? on my (?:left|right|back|side|front|stomach|tummy)\b",
    # Seventh pass (the classifier's guesses on tune table 4): someone who "will kill me when
    # they see", "the end of me", activities one "is going to die on", hibernating, an inbox
    # "burying me alive", a pill organiser, clothes after losing weight, "could floor a horse".
    r"\b(?:will|'?ll|gonna|going to|would|'?d) (?:kill|murder|strangle) me (?:when|if|for)\b",
    r"\b(?:the )?end of me\b",
    r"\b(?:die|drop dead|dying|collapse|pass out)\b[^.?!]{0,25}\b(?:hike|bike|swim|boot ?camp|parkrun|dance"
    r"|last lap|stairs|bath|class|walk|run|climb)\b",
    r"\b(?:hike|bike|swim|boot ?camp|parkrun|dance|last lap|stairs|bath|class|climb)\b[^.?!]{0,30}"
    r"\b(?:going to|gonna) (?:die|drop dead|collapse|pass out)\b",
    r"\bhibernat\w*\b|\btoo (?:tired|knackered|exhausted|sore) to (?:even )?(?:exist|function|think|move"
    r"|talk|human)\b",
    r"\b(?:bur(?:y|ies|ied|ying)) (?:me )?alive\b|\bdrowning in (?:emails?|work|paperwork|admin)\b",
    r"\b(?:pill|weekly|daily|dosette|meds?) (?:organi[sz]er|box)\b|\bblister packs?\b|\bdouble up\b",
    r"\b(?:clothes|jeans|trousers|pants|dress|belt|op shop|diet\w*|gym)\b[^.?!]{0,40}\blost (?:some "
    r"|a bit of )?"
    r"weight\b|\blost (?:some |a bit of )?weight\b[^.?!]{0,40}\b(?:clothes|jeans|diet\w*|gym|on purpose)\b",
    r"\b(?:could|would) (?:floor|kill|knock out|drop|fell) (?:a|an) (?:horse|elephant|ox|bull)\b",
)))
