"""Remembered compiles: a question whose input has not changed is not clustered again.

A cross-group round compiles the whole consultation for every `/runde` and every vote (the
ballot is the compiled summary), and so do the preview's buttons and /status. Compiling is a
pure function of its input, so a compile whose question, points, curation log, question text,
confirmed joint answers, rule, threshold and language are all unchanged gives the same summary: it is
taken from here instead. Measured in tests/handlers/test_channel_support.py's long post with a
round (8 long answers, 20 votes): 279 whole compiles took 108 s of its 115 s before; each
question is now clustered once per change of its input.

An answer's points are remembered too (splitting is a pure function of the answer's id, group,
participant and text): every console page and /oppsummering compiles the whole consultation,
and splitting 10,000 answers again took about half of the draft page's 250 ms.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.domain.summary import MajorityRule, Point, QuestionInput, QuestionSummary

AnswerKey = tuple[int, str, int, str]


def _key(
    question: QuestionInput, rule: MajorityRule, threshold: float | None, language: str | None
) -> tuple[Hashable, ...]:
    """Everything a question's compile depends on, as one hashable value."""
    confirmed = frozenset(
        (group, frozenset(refs)) for group, refs in (question.confirmed or {}).items()
    )
    return (
        question.key,
        tuple(question.points),
        tuple(question.curation),
        question.question_text,
        confirmed,
        rule,
        threshold,
        language,
    )


class CompileMemo:
    """The last `size` question compiles of one running bot, least recently used dropped first.

    Safe to use from the event loop and a worker thread at once (`compile_summary(on_thread=
    True)`): the remembered values are read and written under a lock, the splitting and
    clustering run outside it (two threads may then compute the same value; both get it).
    """

    def __init__(self, size: int = 256, answers: int = 200_000) -> None:
        self._lock = threading.Lock()
        self._size = size
        self._summaries: OrderedDict[tuple[Hashable, ...], QuestionSummary] = OrderedDict()
        self._answers = answers
        self._points: dict[AnswerKey, tuple[Point, ...]] = {}

    def points(self, answer_id: int, group: str, participant: int, text: str) -> tuple[Point, ...]:
        """Like `answer_points`, splitting only an answer (id, group, participant, text) not
        split before; the remembered points are forgotten all at once when there are more than
        `answers` of them (an edited answer leaves its old text behind)."""
        key = (answer_id, group, participant, text)
        found = self._points.get(key)  # one dict read: atomic, no lock needed
        if found is None:
            from bot.domain.summary import answer_points

            found = answer_points(answer_id, group, participant, text)
            with self._lock:
                if len(self._points) >= self._answers:
                    self._points.clear()
                self._points[key] = found
        return found

    def compile(
        self,
        questions: Sequence[QuestionInput],
        rule: MajorityRule,
        threshold: float | None,
        language: str | None = None,
    ) -> tuple[QuestionSummary, ...]:
        """Like `compile_questions`, clustering only the questions whose input is new."""
        from bot.domain.summary import compile_questions

        keys = [_key(question, rule, threshold, language) for question in questions]
        with self._lock:
            known = {key: self._summaries[key] for key in keys if key in self._summaries}
        fresh = [(q, key) for q, key in zip(questions, keys, strict=True) if key not in known]
        compiled = compile_questions([q for q, _ in fresh], rule, threshold, language)
        known.update((key, summary) for (_, key), summary in zip(fresh, compiled, strict=True))
        with self._lock:
            for key in keys:
                self._summaries[key] = known[key]
                self._summaries.move_to_end(key)
            while len(self._summaries) > self._size:
                self._summaries.popitem(last=False)
        return tuple(known[key] for key in keys)

    def __len__(self) -> int:
        return len(self._summaries)
