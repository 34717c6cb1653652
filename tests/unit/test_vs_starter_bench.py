"""The pure parts of bench/vs_starter.py (issue 18's acceptance): which messages count, the
percentiles and throughput of a level, the table and the PASS rule. Built from hand-made
samples with fixed clocks: nothing here is timed."""

from __future__ import annotations

import pytest
import yaml

from bench.vs_starter import (
    Sample,
    check_starter_endpoints,
    messages,
    pacer_conversation,
    ratio,
    slowest,
    starter_conversation,
    summarise,
    table,
    verdict,
)


def sample(user: int, turn: int, sent: float, latency: float, ok: bool = True, replies: int = 1) -> Sample:
    return Sample(user, turn, sent, sent + latency, ok, replies=replies, error="" if ok else "HTTP 500")


def one_user(latencies: list[float]) -> list[Sample]:
    """Closed loop: each message is sent the moment the last reply arrived."""
    samples, clock = [], 100.0
    for turn, latency in enumerate(latencies):
        samples.append(sample(0, turn, clock, latency))
        clock += latency
    return samples


def figures(p50: float, p95: float, rate: float | None = 5.0, errors: int = 0) -> dict:
    return {"p50_ms": p50, "p95_ms": p95, "messages_per_s": rate, "errors": errors}


def test_warmup_turns_are_left_out_of_latency_and_throughput() -> None:
    # Two cold turns of 2 s each, then ten of 0.1 s: only the ten count.
    result = summarise(one_user([2.0, 2.0] + [0.1] * 10), warmup=2)
    assert result["messages"] == 10
    assert result["p50_ms"] == result["p95_ms"] == pytest.approx(100.0)
    assert result["messages_per_s"] == pytest.approx(10.0)  # 10 replies in 1 s
    assert result["window_s"] == pytest.approx(1.0)


def test_percentiles_are_nearest_rank_over_the_measured_messages() -> None:
    latencies = [i / 1000 for i in range(1, 101)]  # 1 .. 100 ms
    result = summarise(one_user(latencies), warmup=0)
    assert result["p50_ms"] == pytest.approx(51.0)  # round(0.5 * 99) = index 50 (banker's rounding)
    assert result["p95_ms"] == pytest.approx(95.0)
    assert result["p99_ms"] == pytest.approx(99.0)


def test_a_time_window_counts_sends_for_latency_and_answers_for_throughput() -> None:
    # Window 10..20 s. Sent before it: out of the latency, but its answer inside counts as
    # throughput; sent inside and answered after it: in the latency, not in the throughput.
    samples = [
        sample(0, 5, 9.0, 2.0),  # sent before, answered at 11
        sample(0, 6, 11.0, 0.5),
        sample(1, 5, 12.0, 0.5),
        sample(1, 6, 19.5, 1.5),  # answered at 21, after the window
        sample(1, 7, 21.0, 0.1),  # sent after the window
    ]
    result = summarise(samples, warmup=0, window=(10.0, 20.0))
    assert result["messages"] == 3
    assert result["p95_ms"] == pytest.approx(1500.0)
    assert result["messages_per_s"] == pytest.approx(0.3)  # answers at 11, 11.5, 12.5 over 10 s


def test_failed_messages_are_counted_and_kept_out_of_the_latencies() -> None:
    samples = one_user([0.1, 0.1, 0.1])
    last = samples[-1].answered
    samples.append(Sample(0, 3, last, last + 60.0, False, error="TimeoutError"))
    result = summarise(samples, warmup=0)
    assert result["errors"] == 1 and result["ok"] == 3
    assert result["p95_ms"] == pytest.approx(100.0)


def test_empty_replies_are_counted() -> None:
    samples = [sample(0, 0, 1.0, 0.1, replies=0), sample(0, 1, 1.1, 0.1)]
    assert summarise(samples, warmup=0)["empty_replies"] == 1


def test_a_level_with_only_warmup_has_no_figures() -> None:
    result = summarise(one_user([1.0, 1.0]), warmup=3)
    assert result["messages"] == 0 and result["p95_ms"] is None and result["messages_per_s"] is None


def test_ratio_is_pacer_over_starter_and_undefined_without_a_reference() -> None:
    assert ratio(84.0, 42.0) == 2.0
    assert ratio(84.0, None) is None
    assert ratio(None, 42.0) is None
    assert ratio(84.0, 0) is None


def test_pass_needs_both_p95_ratios_at_most_two_and_twenty_messages_a_second() -> None:
    starter = {"single": figures(30, 42), "concurrent": figures(284, 374, 34)}
    pacer = {"single": figures(50, 84), "concurrent": figures(400, 748, 20)}
    assert all(met for _, met in verdict(starter, pacer))  # exactly on every limit


@pytest.mark.parametrize(
    ("pacer", "failed"),
    [
        ({"single": figures(79, 176), "concurrent": figures(400, 700, 25)}, "1 user"),
        ({"single": figures(50, 80), "concurrent": figures(685, 1054, 25)}, "starter at 10 users"),
        ({"single": figures(50, 80), "concurrent": figures(400, 700, 13)}, "msg/s"),
        ({"single": figures(50, 80), "concurrent": figures(400, 700, 25, errors=1)}, "failed messages"),
        ({"single": figures(50, 80), "concurrent": figures(400, None, 25)}, "starter at 10 users"),
    ],
)
def test_each_criterion_fails_on_its_own(pacer: dict, failed: str) -> None:
    starter = {"single": figures(30, 42), "concurrent": figures(284, 374, 34)}
    checks = verdict(starter, pacer)
    assert [c for c, met in checks if not met] == [c for c, _ in checks if failed in c]


def test_the_table_has_the_issues_rows_and_ratios() -> None:
    starter = {"single": figures(30, 42), "concurrent": figures(284, 374, 34)}
    pacer = {"single": figures(79, 176), "concurrent": figures(685, 1054, 13)}
    lines = table(starter, pacer, 10).splitlines()
    assert [cell.strip() for cell in lines[0].split("|")[2:5]] == ["starter bot", "Pacer", "ratio"]
    assert "30.0 / 42.0 ms" in lines[2] and "79.0 / 176 ms" in lines[2] and "2.63x / 4.19x" in lines[2]
    assert "10 users, p50 / p95" in lines[3] and "685 / 1,054 ms" in lines[3]
    assert "10 users, messages per second" in lines[4] and "34.0" in lines[4] and "0.38x" in lines[4]


def test_every_conversation_is_a_fresh_one_and_users_differ() -> None:
    stream = messages(starter_conversation, 0)
    first = [next(stream) for _ in range(30)]
    numbers = [number for number, _ in first]
    assert numbers == sorted(numbers) and numbers[-1] >= 5  # one conversation after another
    texts_by_number = {n: [t for m, t in first if m == n] for n in numbers}
    assert texts_by_number[0] == starter_conversation(0) and texts_by_number[1] == starter_conversation(1)
    other_user = messages(starter_conversation, 1)
    assert [next(other_user)[1] for _ in range(30)] != [t for _, t in first]


def test_the_starter_conversation_follows_its_stories() -> None:
    for index in range(50):
        turns = starter_conversation(index)
        assert turns[0] in {"hello", "hi", "hey there", "good morning"}
        assert turns[-1] in {"bye", "goodbye", "see you later"}
        assert 3 <= len(turns) <= 5


def test_the_pacer_conversation_is_the_load_bench_patient() -> None:
    turns = pacer_conversation(3)
    assert len(turns) == 13 and "show my plans" in turns


def test_the_starter_may_not_get_an_action_server_or_a_tracker_store(tmp_path) -> None:
    commented = tmp_path / "endpoints.yml"
    commented.write_text("# action_endpoint:\n#  url: http://localhost:5055/webhook\n")
    check_starter_endpoints(commented)
    configured = tmp_path / "configured.yml"
    configured.write_text(yaml.safe_dump({"action_endpoint": {"url": "http://localhost:5055/webhook"}}))
    with pytest.raises(RuntimeError, match="action_endpoint"):
        check_starter_endpoints(configured)


def test_slowest_ranks_what_was_said_by_median_latency_after_the_warmup() -> None:
    samples = one_user([5.0, 0.1, 0.3, 0.2, 0.3])
    for s, text in zip(samples, ["hello", "yes", "I'm Tom", "yes", "I'm Tom"], strict=True):
        s.text = text
    ranked = slowest(samples, warmup=1, n=2)
    assert [r["text"] for r in ranked] == ["I'm Tom", "yes"]  # the cold "hello" is warm-up
    assert ranked[0] == {"text": "I'm Tom", "p50_ms": pytest.approx(300.0), "count": 2}
