"""A bare python-telegram-bot polling bot (echo), the baseline of `bench.footprint`.

Run: `python -m bench.baseline_bot BASE_URL` with the token in TINGBOT_TOKEN.
"""

from __future__ import annotations

import os
import sys

from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reply with the message's own text."""
    if update.message is not None and update.message.text is not None:
        await update.message.reply_text(update.message.text)


def main() -> None:
    """Poll the Bot API at the given base URL until SIGINT or SIGTERM."""
    app = ApplicationBuilder().token(os.environ["TINGBOT_TOKEN"]).base_url(sys.argv[1]).build()
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    app.run_polling(allowed_updates=Update.ALL_TYPES)


if __name__ == "__main__":
    main()
