"""The scale benchmark still runs: a small consultation (its figures mean nothing here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import scale


async def test_a_small_consultation_is_measured(tmp_path: Path) -> None:
    figures = await scale.measure(participants=24, groups=4, sample=6, folder=tmp_path)
    assert figures["answers"] == 24 * scale.ANSWERED  # the sample's answers and the filled ones
    assert figures["reminder_recipients"] >= 24 - 6  # everyone filled in is reachable
    for key in ("joins_per_s", "answers_per_s", "status_s", "export_s", "compile_all_s"):
        assert figures[key] > 0, key
    assert figures["points_in_one_question"] > 0 and figures["database_mb"] > 0
    assert figures["remind_everyone_free_s"] > figures["remind_everyone_paid_s"] > 0


async def test_a_failing_step_ends_the_run_with_its_own_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def failing(*_args: object) -> float:
        raise RuntimeError("the fill failed")

    monkeypatch.setattr(scale, "fill", failing)
    with pytest.raises(RuntimeError, match="the fill failed"):
        await scale.measure(participants=24, groups=4, sample=6, folder=tmp_path)
