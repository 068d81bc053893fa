"""Uploaded files kept between the dry run and its confirmation, in the instance folder,
named by their user and a digest of their content (so a confirmation can only name a file
that its own user uploaded), and removed a day later or once imported."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from flask import current_app

from sir_tracker.users.models import User

KEPT_SECONDS = 24 * 3600


def _folder() -> Path:
    folder = Path(current_app.instance_path) / "imports"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def _path(user: User, token: str) -> Path:
    return _folder() / f"{user.id}-{token}"


def keep(user: User, content: bytes) -> str:
    """Keep ``content`` for ``user``; the token that names it."""
    token = hashlib.sha256(content).hexdigest()
    cutoff = time.time() - KEPT_SECONDS
    for old in _folder().iterdir():
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    _path(user, token).write_bytes(content)
    return token


def load(user: User, token: str) -> bytes | None:
    """The content kept under ``token`` for ``user`` (a checked hex digest), if still there."""
    path = _path(user, token)
    return path.read_bytes() if path.is_file() else None


def discard(user: User, token: str) -> None:
    _path(user, token).unlink(missing_ok=True)
