"""What the guard (:class:`accord.web.security.Guard`) leaves in a request's ASGI scope for
the pages: the parsed form of a state-changing request and the page's CSRF token; and the
event :class:`accord.web.disconnect.Disconnects` sets when the request's client has gone.

A leaf module: pages, the renderer and the error handlers read these without importing the
guard itself.
"""

from __future__ import annotations

import threading
from collections.abc import MutableMapping
from typing import Any

from accord.web.forms import Form, FormError

Scope = MutableMapping[str, Any]

FORM_KEY = "accord.form"
TOKEN_KEY = "accord.csrf"
GONE_KEY = "accord.gone"


def form_of(scope: Scope) -> Form:
    """The form the guard parsed for this state-changing request."""
    form = scope.get(FORM_KEY)
    if not isinstance(form, Form):  # pragma: no cover - the guard parses every POST
        raise FormError("no form was parsed for this request")
    return form


def token_of(scope: Scope) -> str:
    """The CSRF token of this request's page ('' when the guard set none)."""
    token = scope.get(TOKEN_KEY)
    return token if isinstance(token, str) else ""


def gone_of(scope: Scope) -> threading.Event | None:
    """The event set once this request's client has disconnected (None outside a server)."""
    gone = scope.get(GONE_KEY)
    return gone if isinstance(gone, threading.Event) else None
