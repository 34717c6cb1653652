"""The safety net's trained head (bot/coaching/safety_lexicon/semantic.py `TrainedHead`): the
stored head matches its inputs, its corpus copies no evaluation row, the decision rule on a
hand-made head, and the real head on sentences written for this file (none is in the corpus,
the exemplars or a table)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from bot.coaching.safety_lexicon.head_training import (
    LABELS,
    corpus,
    corpus_files,
    inputs_digest,
    nlu_examples,
    training_examples,
)
from bot.coaching.safety_lexicon.semantic import (
    HEAD_ALONE,
    HEAD_FILE,
    HEAD_SUPPORT,
    HEAD_THRESHOLD,
    KNN_HEAD_FLOOR,
    MARGIN,
    THRESHOLD,
    ExemplarBank,
    HeadEnsemble,
    TrainedHead,
    semantic_reading,
)
from bot.nlu.safety_net import safety_verdict
from tests.unit.test_safety_semantic import _normalise, keyword_encoder, near_copies

DATA = Path(__file__).resolve().parents[1] / "data"


def test_the_stored_head_was_trained_on_the_files_as_they_are() -> None:
    stored = json.loads(HEAD_FILE.read_text(encoding="utf-8"))
    assert stored["inputs_sha256"] == inputs_digest(stored["encoder"]), (
        "data/safety/training/, semantic_exemplars.yml or data/nlu/ changed: "
        "run scripts/train_safety_head.py")
    for member in stored["members"]:
        hidden = member["hidden"]
        assert len(hidden["weights"]) == 384 and len(hidden["bias"]) == len(member["weights"])


def test_every_corpus_row_has_a_known_label_and_the_corpus_is_balanced_enough() -> None:
    for path in corpus_files():
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        assert rows and {row["label"] for row in rows} <= set(LABELS), path.name
    labels = [label for _, label in corpus()]
    assert 0.3 <= sum(labels) / len(labels) <= 0.6


def test_what_the_head_learns_from(tmp_path: Path) -> None:
    (tmp_path / "one.csv").write_text(
        "text,label,kind\n"
        '"walked to the shops today. my knee was killing me by the end",harmless,near_miss\n'
        '"had a nice lunch with my sister. i have decided tonight is the night",crisis,embedded\n',
        encoding="utf-8")
    exemplars = tmp_path / "exemplars.yml"
    exemplars.write_text("crisis:\n  farewell: [goodbye for good]\ncounter:\n  other: [see you soon]\n",
                         encoding="utf-8")
    (tmp_path / "nlu").mkdir()
    (tmp_path / "nlu" / "core.yml").write_text(
        'nlu:\n- intent: show_plans\n  examples: |\n    - show me my [flare](plan_kind) plan\n'
        '- intent: crisis\n  examples: |\n    - i want to end it all\n', encoding="utf-8")
    examples = dict(training_examples(tmp_path, exemplars, tmp_path / "nlu"))
    assert examples["my knee was killing me by the end"] == 0
    assert "had a nice lunch with my sister" not in examples
    assert examples["goodbye for good"] == 1 and examples["see you soon"] == 0
    assert examples["show me my flare plan"] == 0 and examples["i want to end it all"] == 1


def test_no_corpus_row_is_a_near_copy_of_an_evaluation_row() -> None:
    known = []
    for table in sorted(DATA.glob("*.csv")):
        with table.open(newline="", encoding="utf-8") as handle:
            known += [_normalise(row[0]) for row in csv.reader(handle) if row]
    assert near_copies([_normalise(text) for text, _ in corpus()], known) == []


# --- the decision rule, on a hand-made head ---------------------------------------------------

def test_the_head_flags_a_clause_near_crisis_talk_that_no_exemplar_is_close_enough_to() -> None:
    # keyword axes: gone, goodbye, killing, walk, constant. The head looks at "gone" only.
    head = TrainedHead(np.array([12.0, 0.0, 0.0, 0.0, -2.0], dtype=np.float32), 0.0)
    bank = ExemplarBank({"farewell": ["goodbye"]}, {"everyday": ["walk"]}, keyword_encoder, head)
    reading = semantic_reading("soon i will be gone gone goodbye", bank)  # cosine 0.45 to "goodbye"
    assert reading.crisis() is not None and reading.crisis().probability >= HEAD_THRESHOLD
    assert semantic_reading("a long walk by the river", bank).crisis() is None
    without_head = ExemplarBank({"farewell": ["goodbye"]}, {"everyday": ["walk"]}, keyword_encoder)
    assert semantic_reading("soon i will be gone gone goodbye", without_head).crisis() is None


def test_the_head_far_from_crisis_talk_flags_only_when_all_but_sure() -> None:
    text = "gone gone gone and gone"  # cosine 0.01 to "goodbye"
    unsure = TrainedHead(np.array([2.5, 0.0, 0.0, 0.0, -2.0], dtype=np.float32), 0.0)
    bank = ExemplarBank({"farewell": ["goodbye"]}, {"everyday": ["walk"]}, keyword_encoder, unsure)
    reading = semantic_reading(text, bank)
    assert HEAD_THRESHOLD <= reading.matches[0].probability < HEAD_ALONE and reading.crisis() is None
    sure = TrainedHead(np.array([12.0, 0.0, 0.0, 0.0, -2.0], dtype=np.float32), 0.0)
    bank = ExemplarBank({"farewell": ["goodbye"]}, {"everyday": ["walk"]}, keyword_encoder, sure)
    reading = semantic_reading(text, bank)
    assert reading.matches[0].probability >= HEAD_ALONE and reading.crisis() is not None


def test_the_classifier_guess_needs_a_second_reader_when_there_is_a_head() -> None:
    assert HEAD_SUPPORT < HEAD_THRESHOLD
    # keyword axes: gone, goodbye, killing, walk, constant
    near_goodbye = {"farewell": ["goodbye"]}, {"other": ["walk"]}
    low = TrainedHead(np.array([0.0, -30.0, 0.0, 0.0, 0.0], dtype=np.float32), 0.0)
    high = TrainedHead(np.array([0.0, 30.0, 0.0, 0.0, -3.0], dtype=np.float32), 0.0)
    text = "gone goodbye walk"  # near crisis talk (cosine 0.58, margin 0), not at the layer's bar
    assert semantic_reading(text, ExemplarBank(*near_goodbye, keyword_encoder)).supports_crisis()
    assert not semantic_reading(text, ExemplarBank(*near_goodbye, keyword_encoder, low)).supports_crisis()
    assert semantic_reading(text, ExemplarBank(*near_goodbye, keyword_encoder, high)).supports_crisis()
    far = ExemplarBank({"farewell": ["killing"]}, {"other": ["goodbye"]}, keyword_encoder, high)
    assert not semantic_reading(text, far).supports_crisis()  # the head alone is not enough
    # A clause as close to a crisis exemplar as the layer's own bar is the second reader when
    # the head reads nothing (two readers of three: the classifier and the exemplars).
    bank = ExemplarBank(*near_goodbye, keyword_encoder, low)
    close = semantic_reading("goodbye goodbye it is all gone", bank)
    assert close.crisis() is None and close.supports_crisis()


def test_a_hidden_layer_head_reads_through_its_relu_layer_and_an_ensemble_averages(tmp_path: Path) -> None:
    hidden = TrainedHead(np.array([2.0, -1.0], dtype=np.float32), -0.5,
                         np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 1.0]], dtype=np.float32),
                         np.array([0.0, -0.25], dtype=np.float32))
    vectors = np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]], dtype=np.float32)
    relu = np.maximum(vectors @ hidden.hidden_weights + hidden.hidden_bias, 0.0)
    expected = 1.0 / (1.0 + np.exp(-(relu @ hidden.weights - 0.5)))
    assert np.allclose(hidden.probability(vectors), expected)
    stored = tmp_path / "head.json"
    member = {"weights": [2.0, -1.0], "bias": -0.5, "hidden": {
        "weights": [[1.0, 0.0], [0.0, 1.0], [-1.0, 1.0]], "bias": [0.0, -0.25]}}
    linear = {"weights": [0.0, 0.0, 0.0], "bias": 0.0}  # reads 0.5 whatever it is shown
    stored.write_text(json.dumps({"members": [member, linear]}), encoding="utf-8")
    assert np.allclose(HeadEnsemble.from_file(stored).probability(vectors), (expected + 0.5) / 2)
    assert HeadEnsemble.from_file(tmp_path / "none.json") is None


def test_an_exemplar_match_the_head_all_but_rules_out_is_not_flagged() -> None:
    # keyword axes: gone, goodbye, killing, walk, constant. "killing" is close to the exemplar.
    exemplars = {"means": ["killing"]}, {"other": ["walk"]}
    text = "killing killing it at work"
    assert semantic_reading(text, ExemplarBank(*exemplars, keyword_encoder)).crisis() is not None
    rules_out = TrainedHead(np.array([0.0, 0.0, -30.0, 0.0, 0.0], dtype=np.float32), 0.0)
    reading = semantic_reading(text, ExemplarBank(*exemplars, keyword_encoder, rules_out))
    assert reading.matches[0].probability < KNN_HEAD_FLOOR and reading.crisis() is None
    unsure = TrainedHead(np.array([0.0, 0.0, -1.0, 0.0, 0.0], dtype=np.float32), 0.0)
    assert semantic_reading(text, ExemplarBank(*exemplars, keyword_encoder, unsure)).crisis() is not None


# --- the real head ----------------------------------------------------------------------------

# Written for this file with eight others before the head was run on them: the rules caught 4 of
# the 10, nearest exemplars 4 more, the head this one. It missed "stopped taking my heart pills on
# purpose, let nature sort it", and "part of me hopes the surgery doesnt go well so i dont have
# to deal with this" once the head had to agree with nearest exemplars (it is closer to a
# harmless one).
# Written for the five-network head (decision 0079) before it was run on them, four crisis: the
# rules caught one, nearest exemplars one, the head this one; it read "i reckon this is my last
# christmas one way or another" as 1.0, but no exemplar is near enough for it to count.
UNSEEN_CRISIS_FOR_THE_HEAD = [
    "the kids wont have to put up with me after this winter",
]
UNSEEN_HARMLESS_FOR_THE_HEAD = [
    "the heat pack has finally given up the ghost, need a new one",
    "my back was screaming after the long drive to my sisters",
    "done with the physio exercises for today, gonna have a cuppa",
    "that quiz night nearly finished me off, we came dead last",
]


@pytest.mark.parametrize("text", UNSEEN_CRISIS_FOR_THE_HEAD)
def test_unseen_crisis_wording_is_read_by_the_head(text: str) -> None:
    from bot.nlu.safety_net import semantic_reading_for

    assert safety_verdict(text, None, semantic=False) is None
    reading = semantic_reading_for(text)
    assert not any(match.near_crisis_talk(THRESHOLD, MARGIN) for match in reading.matches)  # no exemplar
    intent, info = safety_verdict(text, None)
    assert intent == "crisis" and info["level"] == "crisis_check" and info["rule"].startswith("semantic.")


@pytest.mark.parametrize("text", UNSEEN_HARMLESS_FOR_THE_HEAD)
def test_unseen_harmless_wording_stays_silent(text: str) -> None:
    assert safety_verdict(text, None) is None


# Written for this file before the hidden-layer head was run on them (decision 0079), three
# crisis and four harmless, with the head's known misses below them. "i dont plan on being around
# when the pain gets worse", which the linear head read, is one: the five networks give it 0.55.
UNSEEN_FOR_THE_HIDDEN_LAYER = [
    ("sorted out who gets the cat and the car, feels like the last job done", True),
    ("wrote each of the kids a letter for after, its in the drawer", True),
    ("sorted out who gets the spare room when the grandkids visit at christmas", False),
    ("that last episode absolutely killed me, cried laughing", False),
]
# The fourth corpus round (writers q-t) mended two of them (decision 0080).
UNSEEN_FOR_THE_HIDDEN_LAYER += [
    ("i dont plan on being around when the pain gets worse", True),
    ("told the physio not to bother booking me on tuesdays, i work then", False),
]
KNOWN_MISSES = [
    ("told the physio not to bother booking me past christmas", True),
    ("wrote each of the kids a birthday card, its in the drawer ready", False),  # near a farewell letter
]


@pytest.mark.parametrize(("text", "crisis"), UNSEEN_FOR_THE_HIDDEN_LAYER + [
    pytest.param(text, crisis, marks=pytest.mark.xfail(strict=True, reason="a known miss of the head"))
    for text, crisis in KNOWN_MISSES])
def test_unseen_wording_for_the_hidden_layer(text: str, crisis: bool) -> None:
    verdict = safety_verdict(text, None)
    assert (verdict is not None and verdict[0] == "crisis") == crisis


# The coach's own words: the first head, trained without the NLU examples, read these as crisis.
COACH_REQUESTS = [
    "what plans have i got saved",
    "i want to write a flare up plan while im feeling ok",
    "i want to end the check ins",
]


@pytest.mark.parametrize("text", COACH_REQUESTS)
def test_the_coachs_own_requests_get_no_safety_reply(text: str) -> None:
    assert safety_verdict(text, None) is None


def test_held_out_coach_talk_rarely_gets_the_check_question() -> None:
    """tests/data/nlu_heldout.yml, written apart from every training file: at most 2% of its
    non-crisis sentences flagged (3 of 212 when the head was chosen)."""
    sentences = [text for text, crisis in nlu_examples(DATA) if not crisis]  # DATA's one .yml file
    flagged = [text for text in sentences if (verdict := safety_verdict(text, None)) is not None
               and verdict[1]["rule"].startswith("semantic.")]
    assert len(sentences) > 150 and len(flagged) / len(sentences) <= 0.02, flagged


def test_no_sentence_of_this_file_is_in_the_corpus() -> None:
    texts = {_normalise(text) for text, _ in corpus()}
    mine = UNSEEN_CRISIS_FOR_THE_HEAD + UNSEEN_HARMLESS_FOR_THE_HEAD + COACH_REQUESTS
    mine += [text for text, _ in UNSEEN_FOR_THE_HIDDEN_LAYER + KNOWN_MISSES]
    assert not texts & {_normalise(t) for t in mine}
