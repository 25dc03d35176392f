"""Message ids used in the code, extracted the way Babel extracts them."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "N_": None, "P_": (1, 2)}


def used_message_ids() -> dict[str, str]:
    """Every message id marked with _(), N_() or P_() under bot/, with where it is used (a plural
    message as its two ids joined by NUL, as the catalogues key it)."""
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT / "bot"), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        if isinstance(message, tuple):
            message = "\x00".join(message)
        if isinstance(message, str) and message:
            found.setdefault(message, f"bot/{filename}:{lineno}")
    return found
