"""Publishing a consultation's summary to its channel, every version recorded.

A draft is what would be posted now: the channel post split into messages, and nothing else.
The channel is public and a post there outlives the retention purge, so it gets the summary
only (points with group counts, never an answer's text or a name); the case draft with every
answer goes to organisers alone (/eksport). The organiser chooses which questions (or whole
themes) the post shows; the choice is stored and the post leaves the others out. Its content
hash covers the post (without the version marker) and the raw data, so a changed answer,
curation step or choice gives a new hash. Posting content already posted again is no update:
it repeats that version's messages as they were, never with a new "updated version" marker.
Posting records the version as 'posting' before anything is sent, records each message id as
soon as Telegram returns it, and ends 'posted' or 'failed' with the error: a half-posted
summary is always on record.
"""

from __future__ import annotations

import asyncio
import hashlib
import weakref
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Protocol

from bot.config.model import Consultation
from bot.context import Deps
from bot.services.outcome import record_points
from storage.models import Publication

if TYPE_CHECKING:
    from bot.domain.drawn_memo import DrawnMemo
    from bot.model.report import ReportSource
    from bot.render.export_data import QuestionRows

_ANY_MOMENT = datetime(2000, 1, 1, tzinfo=UTC)
_locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, asyncio.Lock]] = (
    weakref.WeakKeyDictionary()
)


class ChannelSender(Protocol):
    """Posts to a channel and returns the message id Telegram gave each post."""

    async def text(self, html: str) -> int:
        """Post one HTML message."""
        ...


@dataclass(frozen=True)
class Draft:
    """What publishing now would post, and how it relates to earlier versions."""

    source: ReportSource
    version: int
    updated: bool
    chunks: tuple[str, ...]
    content_hash: str
    same_as: Publication | None
    left_out: frozenset[str] = frozenset()

    @property
    def has_answers(self) -> bool:
        """Whether any question has an answer to publish."""
        return any(q.summary.groups_answering for q in self.source.digest.questions)

    @property
    def has_content(self) -> bool:
        """Whether the post shows any question (one chosen, with a point to show)."""
        from bot.render.channel import posted_questions

        return bool(posted_questions(self.source, self.left_out))


class PublishFailed(Exception):
    """Posting stopped part-way; `publication` says what was posted, `cause` why it stopped."""

    def __init__(self, publication: Publication, cause: Exception) -> None:
        super().__init__(str(cause))
        self.publication = publication
        self.cause = cause


def publishing_lock(consultation_key: str) -> asyncio.Lock:
    """One publication of a consultation at a time (two organisers may press at once)."""
    per_loop = _locks.setdefault(asyncio.get_running_loop(), {})
    return per_loop.setdefault(consultation_key, asyncio.Lock())


def content_hash(
    source: ReportSource,
    post: str | None = None,
    left_out: frozenset[str] = frozenset(),
    memo: DrawnMemo | None = None,
) -> str:
    """A hash of what a publication shows: the post without its marker (`post`, when it is
    drawn already), and the raw data (every row as JSON, withdrawn answers too).

    With a `memo`, each question's rows are drawn again only when what they are drawn from
    (`QuestionRows`: its summary, support, points, moments, joint answers, withdrawn answers)
    differs from the last time: a curation step changes one question, and drawing the rows of
    10,000 points took most of the preview's first look after it. The hashed text is the same
    either way."""
    from bot.render.channel import channel_post
    from bot.render.export_data import json_objects, question_rows, rows_inputs

    if post is None:
        post = channel_post(source, left_out=left_out)
    key = source.consultation.key

    def text(given: QuestionRows) -> str:
        return ",\n".join(json_objects(question_rows(given)))

    def rows_of(given: QuestionRows) -> str:
        if memo is None:
            return text(given)
        return memo.draw(("rows", key, given.question), given, partial(text, given))

    parts = [rows_of(given) for given in rows_inputs(source, include_withdrawn=True)]
    objects = ",\n".join(part for part in parts if part)
    rows = "[\n" + objects + "\n]\n" if objects else "[]\n"
    digest = hashlib.sha256(post.encode())
    digest.update(b"\n\x00\n")
    digest.update(rows.encode())
    return digest.hexdigest()


async def draft(deps: Deps, consultation: Consultation) -> Draft:
    """Compile and render what would be published now."""
    # The report machinery is imported at the first draft, not when the bot starts.
    from bot.render.channel import channel_post, with_version
    from bot.render.html_split import split_html
    from bot.services.reports import gather

    source = await gather(deps, consultation)
    consultation_id = source.digest.consultation_id
    left_out = await deps.storage.summaries.left_out_of_channel(consultation_id)
    earlier = await deps.storage.summaries.publications(consultation_id)
    version = max((p.version for p in earlier), default=0) + 1
    posted = [p for p in earlier if p.status == "posted"]

    def drawn() -> tuple[str, str]:
        # The post is drawn once: the hash covers it unmarked, the chunks carry the marker.
        post = channel_post(source, left_out=left_out)
        return post, content_hash(source, post, memo=deps.drawn)

    # Neither the post nor the rows show the moment of gathering: a source that differs from
    # the last one only in that moment (and in nothing the organiser left out of the channel)
    # is drawn the same (domain/drawn_memo).
    unchanged = (replace(source, made_at=_ANY_MOMENT), left_out)
    post, digest = deps.drawn.draw(("channel", consultation.key), unchanged, drawn)
    same_as = posted[-1] if posted and posted[-1].content_hash == digest else None
    updated = any(p.message_ids for p in earlier)
    if same_as is not None:
        # Nothing changed: posting again repeats that version's messages, marked as they were.
        chunks = tuple(split_html(same_as.content))
    else:
        chunks = tuple(split_html(with_version(source, post, version) if updated else post))
    return Draft(
        source=source,
        version=version,
        updated=updated and same_as is None,
        chunks=chunks,
        content_hash=digest,
        same_as=same_as,
        left_out=left_out,
    )


async def toggle(deps: Deps, consultation: Consultation, question_keys: list[str]) -> None:
    """Leave these questions out of the channel post, or, if all of them are left out
    already, put them back in (a theme's questions go in or out together)."""
    consultation_id = deps.catalogs[consultation.key].consultation_id
    left_out = await deps.storage.summaries.left_out_of_channel(consultation_id)
    back_in = all(key in left_out for key in question_keys)
    await deps.storage.summaries.set_left_out_of_channel(
        consultation_id, question_keys, not back_in, deps.clock()
    )


async def publication_of(deps: Deps, plan: Draft, version: int) -> Publication | None:
    """The publication of the draft's consultation that took `version`, if one did."""
    earlier = await deps.storage.summaries.publications(plan.source.digest.consultation_id)
    return next((p for p in earlier if p.version == version), None)


async def publish(deps: Deps, plan: Draft, organiser_id: int, sender: ChannelSender) -> Publication:
    """Post a draft to the consultation's channel; raise PublishFailed (recorded) on any error."""
    consultation = plan.source.consultation
    record = await deps.storage.summaries.start_publication(
        plan.source.digest.consultation_id,
        organiser_id,
        plan.content_hash,
        consultation.channel,
        "\n\n".join(plan.chunks),
        deps.clock(),
    )
    try:
        if record.version != plan.version:
            raise RuntimeError(f"expected version {plan.version}, the record is {record.version}")
        # Which answer is in which point, as this version shows it: /mine reads it later.
        await record_points(deps, record.id, plan.source)
        for chunk in plan.chunks:
            await deps.storage.summaries.record_posted_message(record.id, await sender.text(chunk))
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"
        await deps.storage.summaries.finish_publication(record.id, "failed", deps.clock(), error)
        raise PublishFailed(await _reread(deps, record.id), exc) from exc
    await deps.storage.summaries.finish_publication(record.id, "posted", deps.clock())
    return await _reread(deps, record.id)


async def _reread(deps: Deps, publication_id: int) -> Publication:
    """A publication as stored now."""
    found = await deps.storage.summaries.publication(publication_id)
    assert found is not None
    return found
