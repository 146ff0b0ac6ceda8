"""The forecast ledger's mathematics: forecasts from the pundits' predictions in a case
(:mod:`.predictions`) and from accord's own runs (:mod:`.derive`), scored alike (:mod:`.scoring`:
Brier, log score, calibration). The ledger's records live in the store
(:mod:`accord.store.forecasts`); docs/store.md explains the ledger.
"""
