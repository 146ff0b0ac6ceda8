"""Importers from other tools' formats into :class:`~accord.scenario.schema.Scenario`."""
