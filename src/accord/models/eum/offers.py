"""Offers and moves in the expected-utility model (MODELS.md §2 steps 6-7), vectorised.

For a receiver i and a sender j at a different position, with E_i = EU_i(i -> j) and E_j
i's view of EU_j(j -> i) (both (B, n, n) matrices indexed [batch, i, j]):

1. classify (nothing unless E_j > 0, i.e. j would challenge):
   confrontation E_j > E_i > 0 (i expects to lose: it moves to x_j); compromise E_i < 0 and
   |E_i| < E_j (i moves part-way); capitulation E_i < 0 and |E_i| > E_j (i adopts x_j; only
   when the option ``capitulation`` is on); anything else (i expects to do at least as well
   as j) is no offer;
2. where each offer would take i: x_j, or for a compromise ``fractional``
   x_i + (x_j - x_i)|E_i / E_j| or ``eu-weighted`` (|E_i| x_i + |E_j| x_j)/(|E_i| + |E_j|);
3. choose at most one offer per receiver (option ``offer_choice``), lexicographically:
   * ``least-move-then-max-eu`` (Scholz et al. 2011 as published): the smallest move, then
     the largest E_j;
   * ``type-then-least-move``: confrontation before compromise before capitulation, then the
     smallest move;
   * ``type-then-lowest-point`` (Scholz et al.'s code): confrontations first, the one with
     x_j nearest x_i; else among compromises the one whose |E|-weighted point has the
     smallest *value* (a position compared as if it were a distance; the quirk that makes
     Belgium jump toward the Netherlands in round 4 of the EC case); capitulations last;
   * ``max-eu-then-least-move`` (Masad 2014): among every offer (E_j > 0) the sender with the
     largest E_j, then the nearest; classified only afterwards, so it may resolve to no move;
   remaining ties go to the lowest target position: unlike "first actor in file order" this
   does not depend on the order of the actors, and the two agree whenever the tied offers
   lead to the same place (identical senders), the only ties in the published cases;
4. every receiver moves to its chosen target at once (the caller applies the moves).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

F = NDArray[np.float64]
I = NDArray[np.intp]  # noqa: E741
Bool = NDArray[np.bool_]

NONE, CONFRONTATION, COMPROMISE, CAPITULATION = 0, 1, 2, 3
KINDS = ("none", "confrontation", "compromise", "capitulation")

# Criteria equal up to this relative difference are ties (so rounding noise, which depends on
# the order of the actors, never decides between offers that are equal in exact arithmetic).
TIE = 1e-12


def classify(e_own: F, e_other: F, differ: Bool, capitulation: bool) -> NDArray[np.int8]:
    """Step 1: the kind of every offer (NONE, CONFRONTATION, COMPROMISE, CAPITULATION)."""
    offer = differ & (e_other > 0)
    kind = np.zeros(e_own.shape, dtype=np.int8)
    kind[offer & (e_own > 0) & (e_other > e_own)] = CONFRONTATION
    kind[offer & (e_own < 0) & (-e_own < e_other)] = COMPROMISE
    if capitulation:
        kind[offer & (e_own < 0) & (-e_own > e_other)] = CAPITULATION
    return kind


def targets(x: F, e_own: F, e_other: F, kind: NDArray[np.int8], rule: str) -> F:
    """Step 2: where i would move if it took j's offer (x_i where there is no offer)."""
    xi = np.broadcast_to(x[:, :, None], e_own.shape)
    xj = np.broadcast_to(x[:, None, :], e_own.shape)
    a, b = np.abs(e_own), np.abs(e_other)
    safe_b = np.where(b > 0, b, 1.0)
    if rule == "fractional":
        part = xi + (xj - xi) * np.minimum(a / safe_b, 1.0)
    else:
        total = np.where(a + b > 0, a + b, 1.0)
        part = (a * xi + b * xj) / total
    out = np.where(kind == COMPROMISE, part, xj)
    return np.asarray(np.where(kind == NONE, xi, out))


def lowest_point(x: F, e_own: F, e_other: F) -> F:
    """(|E_i| x_i + |E_j| x_j)/(|E_i| + |E_j|): the scholz-code ranking of compromises."""
    a, b = np.abs(e_own), np.abs(e_other)
    total = np.where(a + b > 0, a + b, 1.0)
    return np.asarray((a * x[:, :, None] + b * x[:, None, :]) / total)


def pick(candidates: Bool, keys: list[F]) -> tuple[I, Bool]:
    """Per receiver (row), the sender minimising ``keys`` lexicographically (ties: TIE)."""
    mask = candidates.copy()
    for key in keys:
        values = np.where(mask, key, np.inf)
        best = values.min(axis=-1, keepdims=True)
        mask &= values <= best + TIE * np.abs(np.where(np.isfinite(best), best, 0.0))
    return np.asarray(np.argmax(mask, axis=-1), dtype=np.intp), np.asarray(mask.any(axis=-1))


def choose_moves(x: F, e_own: F, e_other: F, differ: Bool, *, capitulation: bool,
                 compromise: str, offer_choice: str) -> tuple[F, NDArray[np.int8]]:
    """Steps 1-3: each actor's new position and the kind of the offer it took (B, n)."""
    kind = classify(e_own, e_other, differ, capitulation)
    target = targets(x, e_own, e_other, kind, compromise)
    step = np.abs(target - x[:, :, None])
    moving = kind != NONE
    if offer_choice == "least-move-then-max-eu":
        j, has = pick(moving, [step, -e_other, target])
    elif offer_choice == "type-then-least-move":
        j, has = pick(moving, [kind.astype(float), step, target])
    elif offer_choice == "type-then-lowest-point":
        rank = np.where(kind == COMPROMISE, lowest_point(x, e_own, e_other), step)
        j, has = pick(moving, [kind.astype(float), rank, target])
    elif offer_choice == "max-eu-then-least-move":
        offered = differ & (e_other > 0)
        xj = np.broadcast_to(x[:, None, :], e_own.shape)
        j, has = pick(offered, [-e_other, np.abs(xj - x[:, :, None]), xj])
    else:
        raise ValueError(f"unknown offer_choice {offer_choice!r}")
    b, n = x.shape
    flat = (np.arange(b * n) * n).reshape(b, n) + j
    taken = np.where(has, kind.ravel().take(flat), NONE).astype(np.int8)
    new = target.ravel().take(flat)
    return np.asarray(np.where(taken != NONE, new, x)), taken
