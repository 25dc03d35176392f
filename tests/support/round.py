"""A cross-group round on the seeded answers, voted through the bot as participants do it.

Voters of Gruppe 5 and 6 join with their group's link; the organiser opens the round with
/runde opne; each voter sends /runde and presses agree / disagree / pass on a point.
"""

from __future__ import annotations

from bot.services.summary import compile_summary
from tests.support.harness import ORGANISER, Harness

CODE_5, CODE_6 = "ht26-g5-Zr8t", "ht26-g6-Lc5y"
# Telegram ids: the seeded participants of Gruppe 1–4 (tests.support.seeding), two voters of
# Gruppe 5 and one of Gruppe 6.
G1, G2, G3, G4 = 501, 502, 503, 504
G5, G5B, G6 = 5101, 5102, 5103
SATS = "Vidareføring av Sats på Hallingdal 2.0"
FOND = "Eit regionalt næringsfond"
MERGER = "Slå saman kommunane"
# Their labels in a Bokmål consultation: the member written in words Bokmål shares.
SATS_NB = "Sats på Hallingdal 2.0"
FOND_NB = "Regionalt næringsfond for Hallingdal"
# Label → voter → a (agree), d (disagree) or p (pass). On SEED_ANSWERS this makes:
# SATS (Gruppe 1–3): 100 % of 4 votes, 3 of 3 groups mostly agreeing: common ground;
# FOND (Gruppe 1, 3): 67 % of 3 votes, 2 of 3 groups: no common ground (below 70 %);
# MERGER (Gruppe 4): 0 % of 2 votes (and a pass), 0 of 2 groups; the trainee point: no votes.
BALLOTS: dict[str, dict[int, str]] = {
    SATS: {G4: "a", G5: "a", G5B: "a", G6: "a"},
    FOND: {G2: "a", G4: "d", G5: "a"},
    MERGER: {G1: "d", G2: "d", G5: "p"},
}
SUPPORT_NN = {
    SATS: "100 % einige · røyster: 4 · grupper som stort sett er einige: 3 av 3 · 🤝 Brei semje",
    FOND: "67 % einige · røyster: 3 · grupper som stort sett er einige: 2 av 3",
    MERGER: "0 % einige · røyster: 2 · grupper som stort sett er einige: 0 av 2",
}
SUPPORT_NB = {
    SATS: "100 % enige · stemmer: 4 · grupper som stort sett er enige: 3 av 3 · 🤝 Bred enighet",
    FOND: "67 % enige · stemmer: 3 · grupper som stort sett er enige: 2 av 3",
    MERGER: "0 % enige · stemmer: 2 · grupper som stort sett er enige: 0 av 2",
}


async def point_keys(h: Harness) -> dict[str, str]:
    """Label → key of every point of the current summary."""
    return {label: key for label, key, _ in await _points(h)}


async def _points(h: Harness) -> list[tuple[str, str, tuple[str, ...]]]:
    """Label, key and member texts of every point of the current summary."""
    deps = h.app.bot_data.deps
    digest = await compile_summary(deps, deps.config.consultations[0])
    return [
        (p.label, p.key, tuple(digest.points[ref].text for ref in p.refs))
        for q in digest.questions
        for p in (*q.summary.headline, *q.summary.others, *q.summary.hidden)
    ]


async def run_round(h: Harness, ballots: dict[str, dict[int, str]] | None = None) -> None:
    """Voters join, the round opens, and everyone votes as `ballots` says (BALLOTS by default)."""
    for user_id, code in ((G5, CODE_5), (G5B, CODE_5), (G6, CODE_6)):
        await h.join(user_id, code)
    await h.command(ORGANISER, "runde", "opne")
    points = await _points(h)
    # A ballot names a point by its label or by a member's text: labels follow the
    # consultation's language, members do not.
    keys = {text: key for _, key, texts in points for text in texts}
    keys |= {label: key for label, key, _ in points}
    for label, choices in (ballots or BALLOTS).items():
        for user_id, choice in choices.items():
            await h.command(user_id, "runde")
            await h.click(user_id, f"rv:{choice}:{keys[label]}")
