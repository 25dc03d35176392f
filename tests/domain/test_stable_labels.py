"""Stable labels in the compile: an automatic label stays when points move; a rename changes it."""

from __future__ import annotations

from bot.domain.curation import CurationAction, Merge, Move, Rename, Split
from bot.domain.labels import register, relabelled
from bot.domain.summary import MajorityRule, Point, QuestionSummary, SummaryPoint, compile_question

TEXTS = [
    ("g1", "Vidareføring av Sats på Hallingdal 2.0"),
    ("g2", "Sats på Hallingdal 2.0 må halde fram"),
    ("g3", "Halde fram med Sats på Hallingdal"),
    ("g4", "Vidareføre omstillingsprogrammet Sats på Hallingdal"),
    ("g1", "Regional traineeordning"),
    ("g2", "Traineeordning for unge"),
    ("g3", "Halde fram med traineeordninga"),
    ("g4", "Traineeordning som rekrutteringstiltak"),
    ("g5", "Betre vegar"),
]
POINTS = [Point(f"{i}.0", i, group, i, text) for i, (group, text) in enumerate(TEXTS, 1)]


def compiled(actions: tuple[CurationAction, ...] = ()) -> QuestionSummary:
    return compile_question("q", POINTS, MajorityRule(), curation=actions, language="nn")


def theme_of(summary: QuestionSummary, ref: str) -> SummaryPoint:
    return next(p for p in (*summary.headline, *summary.others) if ref in p.refs)


def label_source(point: SummaryPoint) -> str:
    """The ref of the member the automatic label was made from."""
    texts = {p.ref: p.text for p in POINTS}
    return next(ref for ref in point.refs if register(texts[ref]) == point.label)


def test_a_label_stays_when_its_own_member_moves_out() -> None:
    before = compiled()
    sats = theme_of(before, "1.0")
    assert not sats.pinned
    source = label_source(sats)
    moved = compiled((Move(source, "5.0"),))
    after = theme_of(moved, next(ref for ref in sats.refs if ref != source))
    assert source not in after.refs
    assert after.label == sats.label and after.pinned
    # Compiled from scratch, the remaining points would be called something else.
    rest = [p for p in POINTS if p.ref in after.refs]
    fresh = compile_question("q", rest, MajorityRule(), threshold=1.0, language="nn")
    assert fresh.headline[0].label != sats.label
    # The theme the point moved into keeps its own label too.
    assert theme_of(moved, source).label == theme_of(before, "5.0").label


def test_merge_and_split_keep_labels_and_a_rename_changes_them() -> None:
    before = compiled()
    trainee = theme_of(before, "5.0")
    merged = compiled((Merge("5.0", "9.0"),))
    assert theme_of(merged, "9.0").label == trainee.label
    split = compiled((Merge("5.0", "9.0"), Split(("9.0",))))
    assert theme_of(split, "5.0").label == trainee.label
    assert theme_of(split, "9.0").label == "Betre vegar"
    renamed = compiled((Merge("5.0", "9.0"), Rename("5.0", "Traineeordning")))
    assert theme_of(renamed, "9.0").label == "Traineeordning"


def test_relabelling_keeps_a_pinned_label() -> None:
    sats = theme_of(compiled(), "1.0")
    source = label_source(sats)
    moved = compiled((Move(source, "5.0"),))
    texts = {p.ref: p.text for p in POINTS}
    again = relabelled(moved, texts, "nn")
    rest = next(ref for ref in sats.refs if ref != source)
    assert theme_of(again, rest).label == sats.label
