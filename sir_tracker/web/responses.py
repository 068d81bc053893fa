"""What a view answers: a page, a page with a status, or a redirect; and the statuses that
every form uses for refused input and for a stale save."""

from __future__ import annotations

from werkzeug.wrappers import Response

INVALID_FORM = 422  # the form is shown again with what is wrong, nothing saved
CONFLICT = 409  # someone else saved first: the edit-conflict view
TOO_MANY = 429  # too many attempts: wait, then try again

Page = str | tuple[str, int] | Response


def attachment(content: bytes, filename: str, mimetype: str) -> Response:
    """A download, never cached (it holds what the user may see) nor sniffed."""
    response = Response(content, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response
