"""``make run``'s processes, as the Procfile starts them under honcho: gunicorn serves, a
worker killed outright is started again, and Ctrl-C (SIGINT to honcho) stops everything."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

from sir_tracker import migrate
from tests.support.workers import eventually

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def descendants(root: int) -> dict[int, str]:
    """The processes below ``root``, each with its command line."""
    parents: dict[int, int] = {}
    commands: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
        except OSError:
            continue  # gone meanwhile
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
        commands[int(entry.name)] = command
    found: dict[int, str] = {}
    frontier = [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in found:
                found[pid] = commands[pid]
                frontier.append(pid)
    return found


def workers(root: int) -> set[int]:
    """The worker processes themselves (not the shell line that restarts them)."""
    return {
        pid
        for pid, command in descendants(root).items()
        if command.endswith("sir-tracker worker") and "python" in command
    }


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def test_the_procfile_serves_restarts_a_killed_worker_and_stops_on_ctrl_c(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'sir_tracker.sqlite'}"
    migrate.upgrade(url)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SIR_TRACKER_INSTANCE_PATH": str(tmp_path / "instance"),
        "HOST": "127.0.0.1",
    }
    log = (tmp_path / "honcho.log").open("w")
    honcho = subprocess.Popen(
        [str(BIN / "honcho"), "--no-colour", "start", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        assert eventually(lambda: answers(f"http://127.0.0.1:{port}/sign-in")), (
            tmp_path / "honcho.log"
        ).read_text()
        assert eventually(lambda: len(workers(honcho.pid)) == 1)
        (first,) = workers(honcho.pid)

        os.kill(first, signal.SIGKILL)  # as the kernel's OOM killer would

        assert eventually(lambda: len(workers(honcho.pid) - {first}) == 1), (
            tmp_path / "honcho.log"
        ).read_text()
        assert honcho.poll() is None
        assert answers(f"http://127.0.0.1:{port}/sign-in")
        everything = set(descendants(honcho.pid))

        honcho.send_signal(signal.SIGINT)

        assert honcho.wait(timeout=30) is not None
        assert eventually(lambda: not any(Path(f"/proc/{pid}").exists() for pid in everything))
        assert not answers(f"http://127.0.0.1:{port}/sign-in")
    finally:
        if honcho.poll() is None:  # the test failed: leave nothing running
            left = descendants(honcho.pid)
            honcho.kill()
            for pid in left:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        log.close()
    assert "restarting it in 2 s" in (tmp_path / "honcho.log").read_text()
