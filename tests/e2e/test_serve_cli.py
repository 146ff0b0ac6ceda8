"""``accord serve`` as a command: what it prints, clear errors, and the guard on a real socket."""

from __future__ import annotations

import socket
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import cli
from tests.e2e.dashboard import running_server


def test_it_serves_the_dashboard_and_says_where(tmp_path: Path) -> None:
    with running_server(tmp_path / "accord.db") as info:
        assert info["host"] == "127.0.0.1" and info["url"] == f"http://127.0.0.1:{info['port']}/"
        assert info["store"].endswith(str(tmp_path / "accord.db"))
        with urllib.request.urlopen(info["url"] + "scenarios", timeout=30) as response:
            assert response.status == 200
            assert "Russia–Ukraine" in response.read().decode()
    log = info["log"].read_text()
    assert "GET /scenarios HTTP/1.1" in log and "warning" not in log
    assert info["stdout_after"] == ""      # the access log goes to stderr, not stdout


def test_a_port_in_use_is_a_clear_error(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        proc = cli("serve", "--port", str(port), "--db", tmp_path / "a.db", timeout=60)
    assert proc.returncode == 2
    assert f"port {port} on 127.0.0.1 is already in use" in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""


@pytest.mark.parametrize(("args", "message"), [
    (["--host", "no-such-host.invalid"], "no such host"),
    (["--host", "192.0.2.1"], "is not an address of this machine"),
    (["--port", "70000"], "less than or equal to 65535"),
])
def test_bad_hosts_and_ports_are_usage_errors(tmp_path: Path, args: list[str],
                                              message: str) -> None:
    proc = cli("serve", *args, "--db", tmp_path / "a.db", timeout=60)
    assert proc.returncode == 2 and message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_store_that_cannot_be_opened_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "not-a-db").write_bytes(b"garbage" * 1000)
    proc = cli("serve", "--port", "0", "--db", tmp_path / "not-a-db", timeout=60)
    assert proc.returncode == 1 and "accord: error:" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_listening_beyond_loopback_warns(tmp_path: Path) -> None:
    with running_server(tmp_path / "accord.db", "--host", "0.0.0.0") as info:
        deadline = time.monotonic() + 30
        while "warning" not in info["log"].read_text() and time.monotonic() < deadline:
            time.sleep(0.1)
        log = info["log"].read_text()
        assert "warning: listening on 0.0.0.0: other machines" in log
        # the Host check is off: the machine may be reached under any of its names
        request = urllib.request.Request(f"http://127.0.0.1:{info['port']}/scenarios",
                                         headers={"Host": f"talks.example:{info['port']}"})
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.status == 200


def raw_request(port: int, head: str, body: bytes = b"") -> tuple[str, float]:
    """Send a raw HTTP request; the status line and how long the answer took."""
    start = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(head.encode("latin-1") + body)
        data = b""
        while b"\r\n" not in data:
            chunk = conn.recv(4096)
            if not chunk:
                break
            data += chunk
    return data.split(b"\r\n", 1)[0].decode("latin-1"), time.monotonic() - start


def test_the_guard_on_a_real_socket(tmp_path: Path) -> None:
    with running_server(tmp_path / "accord.db") as info:
        port = info["port"]
        # 100 MB announced, 10 bytes sent: refused at once, without waiting for the body
        status, took = raw_request(port, (
            f"POST /scenarios/upload HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            "Content-Length: 100000000\r\n\r\n"), b"text=abcde")
        assert status == "HTTP/1.1 413 Request Entity Too Large" and took < 10
        status, _ = raw_request(port, f"GET /scenarios HTTP/1.1\r\nHost: evil.example:{port}"
                                      "\r\nConnection: close\r\n\r\n")
        assert status == "HTTP/1.1 400 Bad Request"
        status, _ = raw_request(port, (
            f"POST /scenarios/upload HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 6\r\n"
            "Connection: close\r\n\r\n"), b"text=x")
        assert status == "HTTP/1.1 403 Forbidden"
