"""Sensitivity: Spearman rank correlation of every uncertain input with every output.

MODELS.md section 6 asks for the rank correlation of each input with each output; Spearman's
rho [Spearman 1904] is the Pearson correlation of the ranks (ties get their average rank), so
it measures any monotone dependence and is unaffected by the scale of either side. Tornado
charts plot, per output, the inputs sorted by |rho|.

It is computed on a bounded sample, the first :data:`SAMPLE` draws (a prefix, so the same for
every number of workers and for any run of at least that many draws), which keeps memory flat:
with 20,000 draws the standard error of rho is at most about 0.007. An output that has no value
in some draws (a model that makes no forecast there) is correlated over the draws where it has
one. An input or output that does not vary in the sample has no correlation (None).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

F = NDArray[np.float64]

SAMPLE = 20_000
"""Draws used for the rank correlations: the first SAMPLE draws of the run."""
TOP = 20
"""Inputs kept per output in the document: the TOP largest |rho|."""


RANK_BLOCK = 16
"""Columns ranked at once: the sort's temporaries are a few arrays of this many columns, so
memory stays near the sample's own size (163 inputs x 20,000 draws are 26 MB a copy)."""


def _ranks(values: F) -> F:
    """Ranks 1..S of each column, ties at their average rank (scipy's ``rankdata(values,
    axis=0, method="average")``, without importing scipy.stats); a column with a NaN is NaN
    throughout. Columns are ranked :data:`RANK_BLOCK` at a time."""
    out = np.empty(values.shape)
    for start in range(0, values.shape[1], RANK_BLOCK):
        block = slice(start, start + RANK_BLOCK)
        out[:, block] = _rank_block(values[:, block])
    return out


def _rank_block(values: F) -> F:
    """:func:`_ranks` of a few columns."""
    rows = np.ascontiguousarray(values.T)                    # one input per row
    n = rows.shape[1]
    order = np.argsort(rows, axis=1)
    ordered = np.take_along_axis(rows, order, axis=1)
    index = np.broadcast_to(np.arange(n, dtype=float), rows.shape)
    same = np.zeros((rows.shape[0], n + 1), dtype=bool)      # same[:, k + 1]: k ties with k + 1
    np.equal(ordered[:, 1:], ordered[:, :-1], out=same[:, 1:n])
    starts = np.where(same[:, :n], 0.0, index)
    np.maximum.accumulate(starts, axis=1, out=starts)        # where each tie group starts
    ends = np.where(same[:, 1:], float(n), index)[:, ::-1]
    ends = np.minimum.accumulate(ends, axis=1)[:, ::-1]      # and where it ends
    ranks = np.empty_like(rows)
    np.put_along_axis(ranks, order, (starts + ends) / 2.0 + 1.0, axis=1)
    ranks[np.isnan(rows).any(axis=1)] = np.nan
    return np.asarray(ranks.T)


def _standardised(ranks: F) -> tuple[F, NDArray[np.bool_]]:
    centred = ranks - ranks.mean(axis=0)
    norm = np.sqrt((centred * centred).sum(axis=0))
    varies = norm > 1e-9 * max(1.0, float(ranks.shape[0]))
    return np.asarray(centred / np.where(varies, norm, 1.0)), varies


def spearman(inputs: F, outputs: F) -> F:
    """(P, Q) rank correlations of (S, P) inputs with (S, Q) outputs; NaN where undefined."""
    s, p = inputs.shape
    q = outputs.shape[1]
    out = np.full((p, q), np.nan)
    if s < 3 or p == 0 or q == 0:
        return out
    zx, vx = _standardised(_ranks(inputs))
    complete = np.all(np.isfinite(outputs), axis=0)
    if complete.any():
        zy, vy = _standardised(_ranks(outputs[:, complete]))
        rho = zx.T @ zy
        rho[~vx, :] = np.nan
        rho[:, ~vy] = np.nan
        out[:, complete] = rho
    for k in np.flatnonzero(~complete):
        rows = np.isfinite(outputs[:, k])
        if rows.sum() < 3:
            continue
        zx_k, vx_k = _standardised(_ranks(inputs[rows]))
        zy_k, vy_k = _standardised(_ranks(outputs[rows, k:k + 1]))
        if vy_k[0]:
            col = zx_k.T @ zy_k[:, 0]
            out[:, k] = np.where(vx_k, col, np.nan)
    return np.asarray(np.clip(out, -1.0, 1.0))


def ranked(rho: F, names: list[str], top: int = TOP) -> list[dict[str, object]]:
    """The inputs of one output column sorted by |rho| (largest first, ties in input order)."""
    order = sorted((k for k in range(len(names)) if np.isfinite(rho[k])),
                   key=lambda k: (-round(abs(float(rho[k])), 12), k))
    return [{"input": names[k], "rho": round(float(rho[k]), 6)} for k in order[:top]]
