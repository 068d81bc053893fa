"""A non-editable install carries templates/, reports/ and migrations/ and works from them."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("sir_tracker-*.whl")
    return built


def test_the_wheel_carries_the_top_level_folders(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())

    assert "sir_tracker/templates/base.html" in names
    assert "sir_tracker/reports/README.md" in names
    assert "sir_tracker/migrations/env.py" in names
    assert any(n.startswith("sir_tracker/migrations/versions/") for n in names)


def test_an_installed_copy_migrates_a_database_from_its_own_files(
    wheel: Path, tmp_path: Path
) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    check = (
        "import sir_tracker, sir_tracker.core.paths as p, sir_tracker.migrate as m;"
        "print(sir_tracker.__file__); print(p.resource_dir('migrations'));"
        f"m.upgrade('sqlite:///{tmp_path / 'installed.sqlite'}'); print('upgraded')"
    )
    result = subprocess.run(
        [sys.executable, "-c", check],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(target)},
    )

    assert result.returncode == 0, result.stderr
    module_file, migrations, outcome = result.stdout.split()
    assert module_file.startswith(str(target))
    assert migrations == str(target / "sir_tracker" / "migrations")
    assert outcome == "upgraded"
