"""The two sides of a comparison (:mod:`accord.workflows.compare`) and what is compared
item by item: a model's forecast of an issue, an issue's zone, a veto player's gain.

A :class:`Side` is one analysis as the user named it, with its bargaining document and each
veto player's gain (:func:`accord.bargaining.gains.actor_gains`) from the package its
bargaining analysis shows: the Nash solution when there is a deal, else the Nash solution
after the smallest concessions (which crosses the stated red lines, so the gains are read
against the stated problem and depend on how the concessions split).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from accord.bargaining.doc_types import BargainDocument, BlockingDoc, ConcessionDoc, TimelineDoc
from accord.bargaining.gains import ActorGain, actor_gains
from accord.bargaining.staged import analysis_document
from accord.models.result import Result
from accord.scenario.schema import Scenario
from accord.scenario.variants import Edit, Variant
from accord.workflows.analysis import Analysis

TOL = 1e-6
"""Two numbers closer than this (on the issue's own scale, or in utility) are the same."""
NASH = "nash"
AFTER_CONCESSIONS = "nash-after-concessions"


def result_key(result: Result) -> str:
    """A model's name and preset, as results of two sides are matched."""
    return result.model + (f":{result.preset}" if result.preset else "")


def same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=0.0, abs_tol=TOL)


@dataclass(frozen=True)
class Side:
    """One side of a comparison: how the user named it, its analysis and what it implies."""

    label: str
    analysis: Analysis
    document: BargainDocument | None
    """The bargaining document (None: no bargaining, or it failed: ``analysis.failures``)."""
    package: str | None
    """The package of ``gains``: ``nash``, ``nash-after-concessions`` or None (no package)."""
    gains: tuple[ActorGain, ...]
    """Each veto player's gain from ``package``."""
    variant: Variant | None = None
    """The variant this side is (when named ``SCENARIO@VARIANT``)."""
    edits: tuple[Edit, ...] = ()
    """Edits made on the fly (``--edit``, the dashboard's form), after the variant's."""

    @property
    def scenario(self) -> Scenario:
        return self.analysis.scenario

    @property
    def verdict(self) -> str | None:
        return None if self.document is None else self.document.verdict

    @property
    def blocking(self) -> tuple[BlockingDoc, ...]:
        return () if self.document is None else tuple(self.document.blocking)

    @property
    def concessions(self) -> tuple[ConcessionDoc, ...] | None:
        """The smallest concessions (None: no movement of red lines opens a zone)."""
        if self.document is None or self.document.concessions is None:
            return None
        return tuple(self.document.concessions)

    @property
    def concession_points(self) -> float | None:
        total = None if self.document is None else self.document.concession_total
        return None if total is None else total.points

    @property
    def movers(self) -> tuple[str, ...]:
        """Actors the smallest concessions move, in order."""
        return tuple(dict.fromkeys(c.actor for c in self.concessions or ()))

    @property
    def timeline(self) -> TimelineDoc | None:
        return None if self.document is None else self.document.timeline

    def forecast(self, key: str, issue: str) -> float | None:
        result = next((r for r in self.analysis.results if result_key(r) == key), None)
        return None if result is None else result.outcome.get(issue)


def side(label: str, analysis: Analysis, *, variant: Variant | None = None,
         edits: Sequence[Edit] = ()) -> Side:
    """A :class:`Side` of an analysis: its bargaining document and its veto players' gains."""
    bargaining = analysis.bargaining
    doc = package = None
    gains: tuple[ActorGain, ...] = ()
    if bargaining is not None and bargaining.check is not None and bargaining.plan is not None \
            and bargaining.opening is not None and bargaining.holdouts is not None:
        doc = analysis_document(bargaining)
        shown = doc.nash_shown
        if shown:
            package = NASH if doc.package.nash is not None else AFTER_CONCESSIONS
            gains = tuple(g for g in actor_gains(bargaining.problem, shown) if g.player)
    return Side(label, analysis, doc, package, gains, variant, tuple(edits))


@dataclass(frozen=True)
class ForecastChange:
    """One model's forecast of one issue on both sides (None: no forecast, or no issue)."""

    model: str
    issue: str
    a: float | None
    b: float | None

    @property
    def changed(self) -> bool:
        return not same(self.a, self.b)

    @property
    def delta(self) -> float | None:
        return None if self.a is None or self.b is None else self.b - self.a


@dataclass(frozen=True)
class ZoneChange:
    """An issue's zone on both sides (None: the red lines cross; ``in_a``/``in_b``: the side
    has the issue)."""

    issue: str
    a: tuple[float, float] | None
    b: tuple[float, float] | None
    in_a: bool
    in_b: bool

    @property
    def changed(self) -> bool:
        if (self.in_a, self.in_b) != (True, True):
            return True
        if self.a is None or self.b is None:
            return (self.a is None) != (self.b is None)
        return not (same(self.a[0], self.b[0]) and same(self.a[1], self.b[1]))


@dataclass(frozen=True)
class GainChange:
    """A veto player's gain on both sides (None: not a veto player there, or no package)."""

    actor: str
    a: ActorGain | None
    b: ActorGain | None

    @property
    def sign_changed(self) -> bool:
        """It gains on one side and loses (or is indifferent) on the other."""
        return self.a is not None and self.b is not None and self.a.verdict != self.b.verdict

    @property
    def changed(self) -> bool:
        if self.a is None or self.b is None:
            return (self.a is None) != (self.b is None)
        return (not same(self.a.gain, self.b.gain)) or self.a.walks_away != self.b.walks_away
