"""What the guard (:class:`accord.web.security.Guard`) leaves in a request's ASGI scope for
the pages: the parsed form of a state-changing request and the page's CSRF token.

A leaf module: pages, the renderer and the error handlers read these without importing the
guard itself.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from accord.web.forms import Form, FormError

Scope = MutableMapping[str, Any]

FORM_KEY = "accord.form"
TOKEN_KEY = "accord.csrf"


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
