"""What every request and response goes through: the Host header checked against the trusted
hosts, the size of a form body bounded, and the security headers set on every answer (pages,
error pages, PDFs, downloads and static files alike)."""

from __future__ import annotations

from flask import Flask, Response, request
from flask import session as cookie
from werkzeug.exceptions import SecurityError
from werkzeug.middleware.proxy_fix import ProxyFix

from sir_tracker.web.current import TOKEN_KEY

# No inline script or style attribute is needed by any page (status bars use classes, scripts
# are files in static/), so the policy allows nothing but our own origin.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)
HSTS = "max-age=31536000; includeSubDomains"
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
FORGED_HOST = "This server does not answer for that host name."


def init_app(app: Flask) -> None:
    """Register the checks. Before CSRF's, so that nothing reads a body before it is bounded."""
    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies:
        # Behind a proxy that terminates TLS, the client's address and scheme come from its
        # X-Forwarded-For / -Proto headers; trusting more hops than there are lets clients lie.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]
    app.before_request(_refuse_forged_host)
    app.before_request(_bound_form_body)
    app.after_request(_set_headers)


def _refuse_forged_host() -> Response | None:
    # Flask checks TRUSTED_HOSTS while routing and keeps the refusal for later; answered here in
    # plain text, since a page could not even build its links for a host we do not serve.
    if isinstance(request.routing_exception, SecurityError):
        return Response(FORGED_HOST, status=400, mimetype="text/plain")
    return None


def _bound_form_body() -> None:
    # Werkzeug reads a urlencoded body whole, so MAX_FORM_MEMORY_SIZE cannot bound it: a form
    # post gets the smaller limit, a file upload (multipart) keeps MAX_CONTENT_LENGTH.
    if request.mimetype != "multipart/form-data":
        limits = [request.max_content_length, request.max_form_memory_size]
        request.max_content_length = min((limit for limit in limits if limit), default=None)


def _set_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = HSTS
    # What is behind sign-in stays out of every cache (shared proxies and the browser's own);
    # static files and the public pages may be kept. Decided by the session cookie alone, so
    # that this needs no database (which may be what failed).
    if request.endpoint != "static" and cookie.get(TOKEN_KEY):
        response.headers["Cache-Control"] = "no-store"
    return response
