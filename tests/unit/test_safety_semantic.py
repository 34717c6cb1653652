"""The safety net's semantic layer: the decision rule on its own (a small hand-made encoder, so
threshold, margin and clause split are exact), then through `safety_verdict` with the real model.

Every sentence here was written for this file, not taken from a table or a transcript.
"""

from __future__ import annotations

import csv
import difflib
import re
from pathlib import Path

import numpy as np
import pytest
import yaml

from bot.coaching.safety_lexicon.semantic import (
    EXEMPLARS_FILE,
    MARGIN,
    THRESHOLD,
    ExemplarBank,
    clauses,
    semantic_crisis,
)
from bot.nlu.safety_net import DROP, safety_verdict

DATA = Path(__file__).resolve().parents[1] / "data"
AXES = ("gone", "goodbye", "killing", "walk")


def keyword_encoder(texts: list[str]) -> np.ndarray:
    """A unit vector per text over four keyword axes (plus a small constant axis), so that the
    similarities in the rule tests are known exactly."""
    rows = []
    for text in texts:
        counts = [float(text.count(word)) for word in AXES] + [0.2]
        vector = np.array(counts, dtype=np.float32)
        rows.append(vector / np.linalg.norm(vector))
    return np.array(rows, dtype=np.float32).reshape(len(texts), len(AXES) + 1)


@pytest.fixture(scope="module")
def toy_bank() -> ExemplarBank:
    return ExemplarBank({"farewell": ["goodbye", "gone goodbye"]},
                        {"pain_figures": ["killing"], "everyday": ["walk"]}, keyword_encoder)


def test_a_clause_close_to_a_crisis_exemplar_is_flagged_with_its_category(toy_bank) -> None:  # noqa: ANN001
    match = semantic_crisis("i just wanted to say goodbye", toy_bank)
    assert match is not None and match.category == "farewell"
    assert match.similarity > 0.9 and match.margin > 0.5


def test_below_the_threshold_nothing_is_flagged(toy_bank) -> None:  # noqa: ANN001
    assert semantic_crisis("nothing to see here at all", toy_bank) is None
    # (1, 2, 0, 0, .2) against "gone goodbye" (1, 1, 0, 0, .2): cosine 0.948
    assert semantic_crisis("goodbye goodbye gone", toy_bank, threshold=0.95) is None
    assert semantic_crisis("goodbye goodbye gone", toy_bank, threshold=0.94) is not None


def test_a_counter_exemplar_as_close_as_the_crisis_one_wins(toy_bank) -> None:  # noqa: ANN001
    # "goodbye" and "killing" once each: as close to the counter as to the crisis exemplar
    assert semantic_crisis("goodbye my knees are killing", toy_bank) is None
    assert semantic_crisis("goodbye my knees are killing", toy_bank, margin=-0.01) is not None


def test_long_messages_are_scored_clause_by_clause(toy_bank) -> None:  # noqa: ANN001
    story = ("went for my walk this morning and then another walk after lunch with the dog, the walk "
             "by the river was nice. so goodbye everyone")
    assert "so goodbye everyone" in clauses(story)
    assert semantic_crisis(story, toy_bank) is not None
    run_on = " ".join(["then"] * 40 + ["goodbye", "gone"] + ["then"] * 40)  # no punctuation
    assert any("goodbye gone" in piece and len(piece.split()) <= 16 for piece in clauses(run_on))
    assert semantic_crisis(run_on, toy_bank) is not None


def test_one_word_answers_are_not_scored() -> None:
    assert clauses("yes") == [] and clauses("  7 ") == []


def test_the_exemplar_file_has_every_category_with_its_purpose() -> None:
    data = yaml.safe_load(EXEMPLARS_FILE.read_text(encoding="utf-8"))
    assert set(data["crisis"]) == {"passive_death_wish", "hopelessness_time", "farewell", "method_means",
                                   "self_harm", "burden", "other_at_risk", "slang", "indirect"}
    assert {"pain_figures", "tiredness", "sport", "work", "devices", "other"} <= set(data["counter"])
    assert all(len(items) >= 15 for items in data["crisis"].values())
    text = EXEMPLARS_FILE.read_text(encoding="utf-8")
    for name in [*data["crisis"], *data["counter"]]:  # each list has a comment saying what it is for
        assert re.search(rf"  # .*\n  {name}:", text), name


def _normalise(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower().replace("'", "")).split())


# Sealed table 4 was written after the exemplars, by an engineer who never saw them, and was
# scored once; three of its 763 rows came out within difflib 0.8 of an exemplar by coincidence.
# None changes a figure: the rules catch the crisis row on their own, and the two harmless rows
# match no crisis exemplar (docs/safety-evaluation.md, fourth sealed table).
INDEPENDENT_COINCIDENCES = {
    "unalive szn for me",  # ~ "unalive szn for me fr" (crisis; the slang rule answers it)
    "pain is doing my head in",  # ~ "neck pain is doing my head in" (near-miss counter-exemplar)
    "would kill for a long weekend",  # ~ "would sell a kidney for a long weekend" (counter-exemplar)
}


def test_no_exemplar_is_a_near_copy_of_an_evaluation_row() -> None:
    known = []
    for table in sorted(DATA.glob("*.csv")):
        with table.open(newline="", encoding="utf-8") as handle:
            known += [_normalise(row[0]) for row in csv.reader(handle) if row]
    data = yaml.safe_load(EXEMPLARS_FILE.read_text(encoding="utf-8"))
    exemplars = [_normalise(text) for section in data.values()
                 for items in section.values() for text in items]
    assert [text for text in near_copies(exemplars, known) if text not in INDEPENDENT_COINCIDENCES] == []


def near_copies(exemplars: list[str], known: list[str]) -> list[str]:
    """Exemplars within difflib ratio 0.8 of a known row (normalised text)."""
    close = set()
    matcher = difflib.SequenceMatcher(None)
    exemplar_words = [set(exemplar.split()) for exemplar in exemplars]
    for row in set(known):
        matcher.set_seq2(row)  # difflib caches the second sequence: one row against every exemplar
        row_words = set(row.split())
        for exemplar, words in zip(exemplars, exemplar_words, strict=True):
            # 2 * shorter / total bounds the ratio from above; and a ratio over 0.8 needs most
            # words in common: most pairs need no matching at all
            if (2 * min(len(row), len(exemplar)) <= 0.8 * (len(row) + len(exemplar))
                    or len(words & row_words) < 0.4 * min(len(words), len(row_words))):
                continue
            matcher.set_seq1(exemplar)
            if matcher.quick_ratio() > 0.8 and matcher.ratio() > 0.8:
                close.add(exemplar)
    return sorted(close)


def test_the_copy_check_finds_a_reworded_copy() -> None:
    assert near_copies(["i want to dye tonight honestly"], ["i want to die tonight honestly", "walk"]) != []
    assert near_copies(["my knees hurt on the stairs"], ["i want to die tonight honestly"]) == []


# --- the real model, through the safety net -------------------------------------------------

# Written for this test, with ten others, before the layer was run on them: the rules caught 7
# of the 12, the semantic layer 2 of the other 5 (these two); docs/safety-evaluation.md.
UNSEEN_CRISIS = [
    "ive been counting the sleeping tablets in the drawer every night, almost enough now",
    "the physio was good and the weather nice, and ive chosen the day i go",
]


@pytest.mark.parametrize("text", UNSEEN_CRISIS)
def test_unseen_crisis_wording_gets_the_check_question_from_the_semantic_layer(text: str) -> None:
    assert safety_verdict(text, None, semantic=False) is None  # the rules alone say nothing
    intent, info = safety_verdict(text, None)
    assert intent == "crisis" and info["level"] == "crisis_check"
    assert info["rule"].startswith("semantic.")


def test_similarity_never_gives_the_full_reply_or_an_alert() -> None:
    for text in UNSEEN_CRISIS:
        assert safety_verdict(text, None)[1]["level"] not in ("crisis", "red_flag")


def test_a_rule_verdict_is_never_changed_by_the_semantic_layer() -> None:
    for text in ("i want to kill myself tonight", "my mate says hes going to end his life",
                 "numb between my legs and i cant feel myself pee"):
        assert safety_verdict(text, None) == safety_verdict(text, None, semantic=False)


def test_harmless_figures_of_speech_stay_silent() -> None:
    for text in ("the hill at the end of the bike ride just about finished me off",
                 "my tablet died in the middle of the video call with my sister",
                 "work has been brutal this week, i'm counting the days to the holidays"):
        assert safety_verdict(text, None) is None


def test_non_english_is_left_to_the_lexicon() -> None:
    text = "la verdad es que ya no tengo ganas de seguir aqui con este dolor"
    verdict = safety_verdict(text, None)
    assert verdict is None or not verdict[1]["rule"].startswith("semantic.")


def test_the_defaults_are_the_ones_chosen_in_the_docs() -> None:
    assert (THRESHOLD, MARGIN) == (0.50, 0.10)


@pytest.fixture(scope="module")
def unseen_harmless() -> dict[str, list[str]]:
    """Near-miss and everyday rows of the third sealed table (the largest and most varied; the
    first tune table's are guarded in test_safety_eval_tables.py)."""
    rows: dict[str, list[str]] = {"near_miss": [], "everyday": []}
    for name in ("safety_eval_sealed_3.csv",):
        with (DATA / name).open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if row["expected"] in rows:
                    rows[row["expected"]].append(row["text"])
    return rows


def test_near_misses_stay_under_five_percent_and_everyday_talk_never_alerts(unseen_harmless) -> None:  # noqa: ANN001
    def level(text: str) -> str:
        verdict = safety_verdict(text, None)
        return "none" if verdict is None else verdict[1]["level"]

    near = [level(text) for text in unseen_harmless["near_miss"]]
    everyday = [level(text) for text in unseen_harmless["everyday"]]
    assert sum(lvl != "none" for lvl in near) / len(near) <= 0.05
    assert not any(lvl in ("crisis", "red_flag") for lvl in everyday)
    assert sum(lvl != "none" for lvl in everyday) / len(everyday) <= 0.05


def test_the_log_names_the_category_and_score_never_the_message(caplog: pytest.LogCaptureFixture) -> None:
    text = UNSEEN_CRISIS[0]
    with caplog.at_level("DEBUG", logger="bot.nlu.safety_net"):
        safety_verdict(text, None)
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "semantic safety layer: method_means similarity" in logged
    assert "tablets" not in logged and "drawer" not in logged


def test_a_reading_started_at_the_start_of_the_pipeline_is_the_one_computed_then() -> None:
    """bot.nlu.safety_net.prefetch_semantic: the background reading gives the same match, is
    taken once, and short answers and button payloads start nothing."""
    from bot.nlu import safety_net
    from bot.nlu.spacy_pipeline import MESSAGE_ARRIVED

    assert safety_net.prefetch_semantic in MESSAGE_ARRIVED
    text = "honestly i dont see much point in carrying on like this anymore"
    direct = safety_net._semantic_reading(text)
    safety_net.prefetch_semantic(text)
    assert text in safety_net._prefetched
    assert safety_net.semantic_reading_for(text) == direct and direct.crisis() is not None
    assert text not in safety_net._prefetched  # taken once; the next message computes its own
    for skipped in ("yes", "7", "/affirm", ""):
        safety_net.prefetch_semantic(skipped)
        assert skipped not in safety_net._prefetched
    for n in range(safety_net.PREFETCH_KEPT + 5):
        safety_net.prefetch_semantic(f"walked the dog for {n} minutes this morning")
    assert len(safety_net._prefetched) <= safety_net.PREFETCH_KEPT


def test_the_first_pipeline_component_starts_the_reading_and_still_parses() -> None:
    """PacerSpacyNLP.process tells MESSAGE_ARRIVED of each text and returns rasa's own result."""
    from rasa.nlu.utils.spacy_utils import SpacyModel
    from rasa.shared.nlu.training_data.message import Message

    from bot.nlu import safety_net
    from bot.nlu.spacy_pipeline import PacerSpacyNLP, build_blank_pipeline

    text = "walked around the block twice and the knee held up fine"
    component = PacerSpacyNLP(SpacyModel(model=build_blank_pipeline(), model_name="test"), {})
    [message] = component.process([Message(data={"text": text})], component.provide())
    assert text in safety_net._prefetched
    assert message.get("text_spacy_doc") is not None
    assert safety_net.semantic_reading_for(text).crisis() is None and text not in safety_net._prefetched


# --- the classifier's second opinion, weighed (docs/safety-evaluation.md) -----------------------

@pytest.mark.parametrize("text", [
    "the villain gets pushed off the tower in the last episode, great show",
    "my sourdough starter died while we were away, rip",
    "the boss said the project is dead in the water so we start fresh monday",
])
def test_a_crisis_guess_on_harmless_talk_is_withdrawn(text: str) -> None:
    assert safety_verdict(text, "crisis") == DROP


def test_a_crisis_guess_on_talk_near_crisis_stands_as_the_check_question() -> None:
    intent, info = safety_verdict("feels like im fading out", "crisis")
    assert (intent, info["level"], info["rule"]) == ("crisis", "crisis_check", "classifier.crisis")


@pytest.mark.parametrize("text", ["end me", "so done"])
def test_a_crisis_guess_on_a_message_too_short_to_read_stands(text: str) -> None:
    assert safety_verdict(text, "crisis")[1]["level"] == "crisis_check"


def test_without_the_sentence_model_the_crisis_guess_stands() -> None:
    """The rules-only pass (and a process without the model package) keeps the old behaviour."""
    text = "my sourdough starter died while we were away, rip"
    assert safety_verdict(text, "crisis", semantic=False)[1]["rule"] == "classifier.crisis"


@pytest.mark.parametrize("text", [
    "thumb has been numb like that for years, nothing new",
    "pins and needles in my hand when i lean on the desk",
    "the numb strip by my scar is the same as it was at my last check",
    # brought on by a position, a seat, shoes, or dating from an old injury
    "my calves go numb on the hard bleachers at my grandsons footy",
    "left foot tingles in my work boots by knock off time",
    "little toe has been numb since i broke it years ago",
    "pins and needles in my hands till i get up and shake them",
])
def test_a_red_flag_guess_on_a_settled_symptom_is_withdrawn(text: str) -> None:
    assert safety_verdict(text, "red_flag") == DROP


@pytest.mark.parametrize("text", [
    "my foot went numb this afternoon and it is dragging",
    "numb patch on my thigh that was never there before",
])
def test_a_red_flag_guess_on_a_new_symptom_still_screens(text: str) -> None:
    intent, info = safety_verdict(text, "red_flag")
    assert intent == "red_flag" and info["level"] in ("red_flag_screen", "red_flag")
