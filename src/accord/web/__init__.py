"""The local web dashboard (``accord serve``): a thin FastAPI + Jinja2 + htmx layer over the
library.

:func:`accord.web.app.create_app` builds the application; :mod:`.pages` holds the routers (one
module per group of pages), :mod:`.security` the guard every request passes (hosts, CSRF,
body size, headers), :mod:`.render` the templates (autoescaped), :mod:`.state` the server's
store, settings and caches. User documentation: docs/dashboard.md.

Nothing is imported here: importing :mod:`accord.web` costs nothing until a server is built.
"""
