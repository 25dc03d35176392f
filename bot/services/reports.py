"""Gather what reports and exports are made from: the compiled summary, every answer, and each
point's support from the cross-group round (computed once, shared by every renderer)."""

from __future__ import annotations

from bot.config.model import Consultation
from bot.context import Deps
from bot.model.report import ReportSource
from bot.model.summary import ConsultationDigest
from bot.services.round import support_for
from bot.services.summary import answer_view, compile_summary


def names_by_point(digest: ConsultationDigest) -> dict[str, tuple[str, ...]]:
    """Point key → first names of the participants behind it, sorted, each once."""
    found: dict[str, tuple[str, ...]] = {}
    for question in digest.questions:
        summary = question.summary
        for point in (*summary.headline, *summary.others, *summary.hidden):
            names = {
                digest.answers[digest.points[ref].answer_id].first_name
                for ref in point.refs
                if ref in digest.points and digest.points[ref].answer_id in digest.answers
            }
            names.discard("")  # a paper sheet that names nobody
            found[point.key] = tuple(sorted(names, key=str.casefold))
    return found


async def gather(
    deps: Deps, consultation: Consultation, *, on_thread: bool | None = None
) -> ReportSource:
    """Compile the summary, collect the withdrawn answers and count the round's support
    (`on_thread`: compiled on a worker thread, see `compile_summary`)."""
    digest = await compile_summary(deps, consultation, on_thread=on_thread)
    catalog = deps.catalogs[consultation.key]
    rows = await deps.storage.answers.withdrawn_in(digest.consultation_id)
    withdrawn = tuple(
        answer_view(row, catalog) for row in rows if row.answer_id not in digest.answers
    )
    key = await deps.storage.summaries.secret("pseudonym")
    support = await support_for(deps, consultation, digest)
    # Names reach the renderers only when the consultation shows them.
    names = names_by_point(digest) if consultation.show_names else {}
    template = consultation.case.template
    # Read at each export, so a council that changes its template needs no restart.
    data = template.read_bytes() if template is not None else b""
    return ReportSource(digest, withdrawn, deps.clock(), key, support, names, data)
