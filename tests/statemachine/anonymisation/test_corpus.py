"""Recall on the corpus's planted items must be 100%; the false positives are counted and
written to the console (issue 12, part 3)."""

from __future__ import annotations

import pytest

from statemachine.anonymisation import Span, propose
from tests.statemachine.anonymisation.corpus import Planted, Sample, samples

SAMPLES = samples()


def _covered(item: Planted, spans: tuple[Span, ...]) -> bool:
    """Whether the proposal replaces every character of the item, as the item's kind."""
    inside = sorted(
        (s for s in spans if s.start < item.end and item.start < s.end), key=lambda s: s.start
    )
    at = item.start
    for span in inside:
        if span.start > at:
            return False
        at = max(at, span.end)
    kinds = {s.kind for s in inside}
    same = item.kind in kinds or (
        item.kind in ("person", "organisation") and kinds & {"person", "organisation"}
    )
    return at >= item.end and bool(same)


def _false_positives(sample: Sample, spans: tuple[Span, ...]) -> list[Span]:
    return [
        s for s in spans if not any(s.start < p.end and p.start < s.end for p in sample.planted)
    ]


def test_the_corpus_plants_every_kind() -> None:
    kinds = {p.kind for s in SAMPLES for p in s.planted}
    assert kinds == {"person", "organisation", "address", "cpr", "email", "phone", "account"}
    assert len(SAMPLES) >= 8


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.name for s in SAMPLES])
def test_every_planted_item_is_replaced(sample: Sample) -> None:
    spans = propose(sample.text, sample.parties)
    missed = [p for p in sample.planted if not _covered(p, spans)]
    assert missed == [], [(p.kind, p.text) for p in missed]


def test_recall_and_false_positives_are_reported(capsys: pytest.CaptureFixture[str]) -> None:
    planted = found = 0
    false: list[tuple[str, Span]] = []
    for sample in SAMPLES:
        spans = propose(sample.text, sample.parties)
        planted += len(sample.planted)
        found += sum(1 for p in sample.planted if _covered(p, spans))
        false.extend((sample.name, s) for s in _false_positives(sample, spans))
    with capsys.disabled():
        print(
            f"\nanonymisation corpus: {len(SAMPLES)} texts, {planted} planted items, "
            f"recall {found}/{planted} ({100 * found / planted:.1f}%), "
            f"{len(false)} false positives"
        )
        for name, span in false:
            print(f"  false positive in {name}: {span.kind} {span.original!r} ({span.source})")
    assert found == planted
