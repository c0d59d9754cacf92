"""A redis-server of a test's own, on a port it picks itself, that the test
may stop and start again: the shared Redis on 6379 is never touched."""

import shutil
import signal
import socket
import subprocess
import time

import redis

from conftest import require_or_skip


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """`start()` and `stop()` as often as the test likes, always on the same
    port, so that settings pointing at it stay true across a restart."""

    def __init__(self, log_path):
        require_or_skip(
            shutil.which("redis-server"), "needs the redis-server binary on PATH (apt-get install redis-server)"
        )
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.log_path = log_path
        self.process = None

    def client(self):
        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=2)

    def start(self, timeout=10):
        self._log = open(self.log_path, "ab")  # noqa: SIM115 — closed when the server stops
        self.process = subprocess.Popen(  # noqa: S603 — a fixed binary and our own arguments
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if self.client().ping():
                    return self
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}: see {self.log_path}")

    def pause(self):
        """SIGSTOP: the port still accepts connections and nothing answers,
        like a Redis stuck on a full disk or a network dropping packets."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)

    def stop(self):
        """Kill it outright, as a crash or a lost machine would."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        if self.process is not None:
            self._log.close()
        self.process = None
