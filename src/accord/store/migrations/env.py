"""Alembic environment: run the migrations on the connection the caller passes in.

Alembic loads this file when :func:`accord.store.migrate.upgrade` calls ``command.upgrade``;
nothing here runs on ``import accord``. The connection is already inside a transaction, so
alembic neither begins nor commits one: the caller commits when every step has succeeded and
rolls back otherwise, which leaves the database as it was after a failed migration.
"""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
