"""What went wrong when posting to the channel, told to the organiser with what to do."""

from __future__ import annotations

from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.i18n.translator import Translate
from bot.services.publishing import PublishFailed

_NO_RIGHTS = ("administrator", "not enough rights", "have no rights", "chat_write_forbidden")


def failure_report(_: Translate, failed: PublishFailed, total: int) -> str:
    """The organiser's message: what happened, what was posted, what to do next."""
    channel = failed.publication.channel
    return "\n\n".join(
        [
            "⚠️ " + _("Publishing failed."),
            _advice(_, failed.cause, channel),
            _progress(_, failed, total),
        ]
    )


def _advice(_: Translate, cause: Exception, channel: str) -> str:
    """The cause in words, with the fix."""
    message = str(cause).lower()
    if isinstance(cause, Forbidden) or (
        isinstance(cause, BadRequest) and any(m in message for m in _NO_RIGHTS)
    ):
        return _(
            "tingbot may not post in {channel}. Make the bot an administrator of the channel with the right to post messages, then use /publiser again.",
            channel=channel,
        )
    if isinstance(cause, BadRequest) and "chat not found" in message:
        return _(
            "Telegram cannot find the channel {channel}. Check the channel in the config file (its @name or its -100… id) and that the bot has been added to the channel, then use /publiser again.",
            channel=channel,
        )
    if isinstance(cause, RetryAfter):
        return _("Telegram asked tingbot to slow down. Wait a minute, then use /publiser again.")
    if isinstance(cause, TimedOut):
        return _(
            "Telegram did not answer in time, so the last message may or may not be in the channel. Look in {channel}, then use /publiser again.",
            channel=channel,
        )
    if isinstance(cause, NetworkError) and not isinstance(cause, BadRequest):
        return _(
            "tingbot could not reach Telegram (network error). Try /publiser again in a while."
        )
    return _("Telegram refused the post: {error}", error=str(cause))


def _progress(_: Translate, failed: PublishFailed, total: int) -> str:
    """How much reached the channel, and that it is on record."""
    posted = len(failed.publication.message_ids)
    if not posted:
        return _(
            "Nothing was posted. The attempt is recorded as version {version} (failed).",
            version=failed.publication.version,
        )
    return _(
        "{posted} of {total} messages were posted before the error; they are recorded as version {version} (failed). Delete them from the channel if you do not want them there; publishing again posts the whole summary as a new version.",
        posted=posted,
        total=total,
        version=failed.publication.version,
    )
