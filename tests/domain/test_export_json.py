"""The JSON export is the standard library's indented JSON of the rows, exactly."""

from __future__ import annotations

import json
from dataclasses import asdict

from hypothesis import given
from hypothesis import strategies as st

from bot.render.export_data import ExportRow, read_json, rows_json

text = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
rows = st.builds(
    ExportRow,
    consultation=text,
    theme=text,
    question=text,
    group=text,
    participant=text,
    point_ref=text,
    point=text,
    cluster_key=text,
    cluster=text,
    status=text,
    created_at=text,
    updated_at=text,
    agree=st.integers(),
    agree_share=st.none() | st.floats(allow_nan=False, allow_infinity=False),
    common_ground=st.booleans(),
    in_joint_answer=st.none() | st.booleans(),
)


@given(st.lists(rows, max_size=4))
def test_the_json_is_the_indented_json_of_the_rows(found: list[ExportRow]) -> None:
    expected = json.dumps([asdict(r) for r in found], ensure_ascii=False, indent=1) + "\n"
    assert rows_json(found) == expected
    assert read_json(rows_json(found)) == found


def test_a_point_with_quotes_newlines_and_braces_is_kept() -> None:
    row = ExportRow(*(['a "b"\n}, {c\\', "æøå 🧭"] * 6)[:12], agree_share=0.5)
    assert rows_json([row]) == json.dumps([asdict(row)], ensure_ascii=False, indent=1) + "\n"
