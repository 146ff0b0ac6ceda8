"""Workflows: one complete piece of work each, shared by every face (CLI, dashboard, reports).

Between the engines (scenario, models, bargaining, uncertainty, evidence, validation, ledger)
and the faces (cli, web) and renderers (reports). docs/architecture.md says what each layer may
import.
"""
