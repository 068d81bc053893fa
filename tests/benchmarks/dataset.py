"""The benchmark's database: the demo (for the IUSD report) plus N generated LEAs.

The generated LEAs are those of ``sir-tracker demo --scale N`` (``sir_tracker/demo/scale.py``),
loaded through the domain operations, so status history, audit events and ``Action.status``
agree as they do in production. Generation is deterministic, and the file is cached under /tmp,
keyed by N and a hash of the generator, since it takes minutes at statewide scale and no figure
depends on when it was made.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sir_tracker.core.database import transaction
from sir_tracker.core.db import Database
from sir_tracker.demo import loader, pools, scale
from sir_tracker.demo.loader import load_demo
from sir_tracker.demo.scale import CDS_SERIES, load_scaled
from sir_tracker.migrate import upgrade

PROJECT = Path(__file__).resolve().parents[2]
WORK_DIR = Path("/tmp/sir-bench")
# After every generated meeting (the last are in June 2026) and before today.
AS_OF = date(2026, 6, 30)
IUSD = "Inglewood Unified School District"
IUSD_AS_OF = date(2021, 6, 30)
# The generated accounts' password in a benchmark database (never a real one).
PASSWORD = "benchmark-password-not-secret"


@dataclass(frozen=True)
class Dataset:
    path: Path  # the pristine database file; work on a copy of it
    generated_lea_ids: tuple[int, ...]  # in generation order

    def url(self) -> str:
        return f"sqlite:///{self.path}"


def dataset(leas: int) -> Dataset:
    """The cached database with the demo and ``leas`` generated LEAs, built if missing."""
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    path = WORK_DIR / f"bench-{leas}-{generator_hash()}.db"
    if not path.exists():
        print(f"Generating the benchmark database with {leas} LEAs ({path})...", flush=True)
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        _build(partial, leas)
        partial.rename(path)
    return Dataset(path, generated_ids(path))


def working_copy(data: Dataset, name: str) -> Dataset:
    """A copy of the pristine file, so a run that changes data (regeneration) or keeps
    sections leaves the next run the same starting point."""
    copy = WORK_DIR / f"work-{name}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(data.path, copy)
    return Dataset(copy, data.generated_lea_ids)


def generator_hash() -> str:
    """Of the generator and of the migrations: a new schema needs a new database."""
    digest = hashlib.sha256()
    migrations = sorted((PROJECT / "migrations" / "versions").glob("*.py"))
    for path in [*(Path(m.__file__ or "") for m in (scale, pools, loader)), *migrations]:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def generated_ids(path: Path) -> tuple[int, ...]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT id FROM leas WHERE cds_code LIKE ? ORDER BY id", (f"__{CDS_SERIES}%",)
        ).fetchall()
    return tuple(row[0] for row in rows)


def load(url: str, leas: int) -> None:
    """The demo and ``leas`` generated LEAs into the migrated, empty database at ``url``."""
    database = Database(url)
    with transaction(database.writers) as session:
        load_demo(session)
    load_scaled(database.writers, leas, password=PASSWORD)
    database.engine.dispose()


def _build(path: Path, leas: int) -> None:
    url = f"sqlite:///{path}"
    upgrade(url)
    load(url, leas)
    # Fold the write-ahead log into the file, so that copying the file copies everything.
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA journal_mode = DELETE")
        count = connection.execute("SELECT count(*) FROM leas").fetchone()[0]
    print(f"  {count} LEAs in the database ({leas} generated).", flush=True)
