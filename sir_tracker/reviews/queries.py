"""Which SIR is current, and the order of action codes: one rule each, for every page,
command and report."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from sir_tracker.reviews.models import Sir

if TYPE_CHECKING:
    from sir_tracker.leas.models import Lea


def code_key(code: str) -> tuple[tuple[int, int | str], ...]:
    """Sort action codes as people read them: 3.2 before 3.10, 3.4 before 3.4-b."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"[.\-\s]", code)
    )


def sir_recency(sir: Sir) -> tuple[date, int]:
    """Orders SIRs oldest first; one without a report date is still under way, so newest."""
    return (sir.report_date or date.max, sir.id)


def current_sir(lea: Lea) -> Sir | None:
    """The SIR whose progress is monitored: the LEA's latest SIR that is not archived."""
    return current_of(lea.sirs)


def current_of(sirs: Iterable[Sir]) -> Sir | None:
    """``current_sir`` among ``sirs``, the SIRs of one LEA."""
    kept = [sir for sir in sirs if not sir.is_archived]
    return max(kept, key=sir_recency) if kept else None
