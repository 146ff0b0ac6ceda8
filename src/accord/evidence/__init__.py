"""Evidence from articles: who demands what on which issue, with the exact quote.

``accord evidence ARTICLE... --scenario S`` reads articles (:mod:`.reading`), splits them into
sentences with offsets (:mod:`.sentences`), finds the scenario's actors (:mod:`.mentions`,
:mod:`.gazetteer`), scores each sentence against each issue (:mod:`.issues`, optionally
:mod:`.embeddings`), finds stance cues (:mod:`.cues`) and who holds them (:mod:`.attribution`),
hints at a direction on the issue's scale (:mod:`.direction`), ranks candidate claims
(:mod:`.extract`, :mod:`.selection`) and adds accepted ones to a scenario (:mod:`.apply`).
:mod:`.evaluation` measures all this against a hand-annotated gold set. See docs/evidence.md.
"""

from __future__ import annotations

from accord.evidence.apply import ApplyReport, apply_claims
from accord.evidence.claims import Claim
from accord.evidence.extract import Extractor
from accord.evidence.reading import MAX_ARTICLE_BYTES, Article, parse_article, read_article
from accord.evidence.selection import accept_ids, accept_top, by_cell, top_per_cell
from accord.evidence.sentences import Sentence, split_sentences

__all__ = [
    "MAX_ARTICLE_BYTES", "ApplyReport", "Article", "Claim", "Extractor", "Sentence",
    "accept_ids", "accept_top", "apply_claims", "by_cell", "parse_article", "read_article",
    "split_sentences", "top_per_cell",
]
