"""Alembic migrations of the store's schema, shipped inside the package.

``env.py`` runs them on the connection :func:`accord.store.migrate.upgrade` passes in (inside
that function's single transaction); ``versions/`` holds one module per schema revision. To
change the schema: add ``versions/NNNN_what.py`` (``revision = "NNNN"``, ``down_revision`` the
previous one, ``upgrade()`` and ``downgrade()`` written with ``alembic.op``), update
``accord.store.tables`` (tables, ``HEAD``, ``REVISIONS``) to match, and add a row-keeping upgrade
test. Never edit a released migration.
"""
