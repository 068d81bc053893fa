"""How pytest-xdist shares the tests between its workers (``-n 2 --dist loadgroup``).

Test by test, as ``--dist load`` does, except that the tests of a module (or folder) listed in
``SHARED`` go to one worker together: they share a fixture that takes seconds to build, which
each worker would otherwise build for itself. Groups are handed out first (xdist orders the
scopes by their number of tests), so the single tests even out the end.

The browser tests go by module, not as one group: each worker starts Chromium and a live server
once (a few seconds) if it gets any, but the journeys, a minute and a half together and growing
with every feature, no longer all wait for one worker while the other runs out of tests.

This replaces xdist's own ``loadgroup``, which groups by ``xdist_group`` marks: with pytest 9.2
it silently stops grouping (pytest-dev/pytest-xdist#1386).
"""

from __future__ import annotations

from xdist.scheduler import LoadScopeScheduling

# Chromium and the live server with its database are per worker: a module's journeys stay
# together (one may follow from another), the modules spread over the workers.
BY_MODULE = ("tests/browser/",)
SHARED = {
    # The demo's packet (``demo_packet``, 4 LEAs), read by both modules: built once, on one worker.
    "tests/reports/test_board_packet.py": "board packet",
    "tests/reports/test_packet_structure.py": "board packet",
    "tests/reports/test_lea_report.py": "IUSD reports",  # tests/reports/conftest.py
    "tests/reports/test_cli.py": "report commands",  # a database, and seconds of PDFs
    "tests/test_packaging.py": "wheel",  # built by pip
}


class SharedFixtureScheduling(LoadScopeScheduling):
    # A "scope" is what xdist sends to one worker: a group, or a single test.
    def _split_scope(self, nodeid: str) -> str:
        if nodeid.startswith(BY_MODULE):
            return nodeid.split("::", 1)[0]
        for prefix, group in SHARED.items():
            if nodeid.startswith(prefix):
                return group
        return nodeid
