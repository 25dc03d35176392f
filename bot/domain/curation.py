"""An organiser's corrections to the automatic clustering, replayed on every compile.

Actions name points by their stable refs ("41.0" is the first point of answer 41; "41" alone
means every point of answer 41), never by a cluster's position. So the curation log can be
replayed on a fresh automatic clustering after a restart or after new answers: a new point lands
in whatever cluster the clustering puts it, and the organiser's merges, moves, names and hidden
flags are applied on top. Rules, in the order the actions were taken:

- `Merge(into_ref, from_ref)`: the cluster holding `from_ref` joins the cluster holding `into_ref`;
  the joined cluster keeps the first one's name and hidden flag (or the second's name if only it
  was renamed); `from_ref` may name several, separated by spaces (one step to undo).
- `Move(ref, to_ref)`: the point (or the answer's points) moves to the cluster holding `to_ref`;
  `ref` may name several, separated by spaces (answers ticked together: one step to undo).
- `Rename(ref, label)`: the cluster holding `ref` is shown as `label` (an empty label undoes it).
- `Hide(ref)` / `Unhide(ref)`: the cluster holding `ref` leaves / rejoins the summary.
- `Split(refs)`: the chosen points (or answers' points) leave their clusters and form a new one.
- `KeepApart(ref, other_ref)`: the organiser said two points are not the same point; if they
  share a cluster, `other_ref`'s points leave it for a cluster of their own.
- `Undo()`: cancels the latest action not yet undone (repeated undos go further back).

Stable labels: given `label_of` (the automatic label of a set of refs), a cluster's automatic
label is pinned just before a merge, move or split first changes its points, so points moving
in or out never change what the cluster is called; only a rename does. A cluster split off
gets the automatic label of its own points.

An action whose ref no longer exists (the answer was withdrawn), or that would change nothing
(moving a point to its own cluster), is skipped; it is never an error.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Merge:
    """Join the cluster holding `from_ref` into the cluster holding `into_ref`; `from_ref` may
    name several, separated by spaces, joined as one action (so one undo parts them again)."""

    into_ref: str
    from_ref: str

    @property
    def from_refs(self) -> tuple[str, ...]:
        """Every point whose cluster joins."""
        return tuple(self.from_ref.split())


@dataclass(frozen=True)
class Move:
    """Move a point (or all points of an answer) to the cluster holding `to_ref`; `ref` may
    name several, separated by spaces, moved as one action (so one undo takes them back)."""

    ref: str
    to_ref: str

    @property
    def refs(self) -> tuple[str, ...]:
        """Every point or answer this moves."""
        return tuple(self.ref.split())


@dataclass(frozen=True)
class Rename:
    """Show the cluster holding `ref` under `label`."""

    ref: str
    label: str


@dataclass(frozen=True)
class Hide:
    """Leave the cluster holding `ref` out of the summary."""

    ref: str


@dataclass(frozen=True)
class Unhide:
    """Bring the cluster holding `ref` back into the summary."""

    ref: str


@dataclass(frozen=True)
class Undo:
    """Cancel the latest action that is not yet undone."""


@dataclass(frozen=True)
class Split:
    """Take these points (or answers' points) out of their clusters into a new one."""

    refs: tuple[str, ...]


@dataclass(frozen=True)
class KeepApart:
    """Two points are not the same point: `other_ref` leaves `ref`'s cluster if they share it."""

    ref: str
    other_ref: str


CurationAction = Merge | Move | Rename | Hide | Unhide | Split | KeepApart | Undo
LabelOf = Callable[[Sequence[str]], str]


@dataclass(frozen=True)
class CuratedCluster:
    """A cluster after curation: its point refs, a chosen name (None: automatic), hidden flag,
    and the automatic label pinned when curation first changed its points (None: not pinned)."""

    refs: tuple[str, ...]
    label: str | None = None
    hidden: bool = False
    auto_label: str | None = None


@dataclass
class _Draft:
    refs: list[str]
    label: str | None = None
    hidden: bool = False
    auto_label: str | None = None


def effective_actions(actions: Sequence[CurationAction]) -> list[CurationAction]:
    """Return the actions that remain after applying every `Undo` to the one before it."""
    done: list[CurationAction] = []
    for action in actions:
        if isinstance(action, Undo):
            if done:
                done.pop()
        else:
            done.append(action)
    return done


def apply_curation(
    clusters: Sequence[Sequence[str]],
    actions: Sequence[CurationAction],
    label_of: LabelOf | None = None,
) -> list[CuratedCluster]:
    """Apply the curation actions, in order, to clusters of point refs; with `label_of`,
    automatic labels are pinned as they would have been before points moved."""
    board = _Board([_Draft(list(refs)) for refs in clusters if refs], label_of)
    for action in effective_actions(actions):
        board.apply(action)
    return [
        CuratedCluster(tuple(draft.refs), draft.label, draft.hidden, draft.auto_label)
        for draft in board.drafts
        if draft.refs
    ]


class _Board:
    """The clusters being curated, with an index from each point ref to its cluster."""

    def __init__(self, drafts: list[_Draft], label_of: LabelOf | None = None) -> None:
        self.drafts = drafts
        self.label_of = label_of
        self.where = {ref: draft for draft in drafts for ref in draft.refs}
        self.answers: dict[str, list[str]] = {}
        for ref in self.where:
            self.answers.setdefault(ref.partition(".")[0], []).append(ref)

    def points(self, ref: str) -> list[str]:
        """Return the point refs a ref stands for: itself, or every point of an answer."""
        if "." in ref:
            return [ref] if ref in self.where else []
        return self.answers.get(ref, [])

    def holding(self, ref: str) -> _Draft | None:
        """Return the cluster holding the ref's (first) point, if any."""
        points = self.points(ref)
        return self.where[points[0]] if points else None

    def apply(self, action: CurationAction) -> None:
        """Apply one action; skip it if a ref is unknown or it would change nothing."""
        match action:
            case Merge(into_ref=into_ref):
                for ref in action.from_refs:
                    self._merge(self.holding(into_ref), self.holding(ref))
            case Move(to_ref=to_ref):
                target = self.holding(to_ref)
                if target is not None:
                    for point in [p for ref in action.refs for p in self.points(ref)]:
                        self._move(point, target)
            case Rename(ref=ref, label=label):
                cluster = self.holding(ref)
                if cluster is not None:
                    cluster.label = label.strip() or None
            case Hide(ref=ref) | Unhide(ref=ref):
                cluster = self.holding(ref)
                if cluster is not None:
                    cluster.hidden = isinstance(action, Hide)
            case Split(refs=refs):
                self._split([point for ref in refs for point in self.points(ref)])
            case KeepApart(ref=ref, other_ref=other_ref):
                if self.holding(ref) is not None and self.holding(ref) is self.holding(other_ref):
                    self._split(self.points(other_ref))
            case Undo():
                pass  # already taken into account by effective_actions

    def _pin(self, draft: _Draft) -> None:
        """Keep the draft's automatic label as it is now, before its points change."""
        if self.label_of is not None and draft.auto_label is None and draft.refs:
            draft.auto_label = self.label_of(tuple(draft.refs))

    def _split(self, points: list[str]) -> None:
        """Take the points out of their clusters into a new one (unless that changes nothing)."""
        chosen = list(dict.fromkeys(points))
        if not chosen or set(chosen) == set(self.where[chosen[0]].refs):
            return
        new = _Draft([])
        self.drafts.append(new)
        for point in chosen:
            self._move(point, new)

    def _merge(self, into: _Draft | None, source: _Draft | None) -> None:
        if into is None or source is None or into is source:
            return
        self._pin(into)
        into.refs.extend(source.refs)
        for ref in source.refs:
            self.where[ref] = into
        if into.label is None:
            into.label = source.label
        source.refs.clear()

    def _move(self, point: str, target: _Draft) -> None:
        source = self.where[point]
        if source is not target:
            self._pin(source)
            if target.refs:
                self._pin(target)
            source.refs.remove(point)
            target.refs.append(point)
            self.where[point] = target
