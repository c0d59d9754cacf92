"""gunicorn's settings for gentrack, read from the environment (`make serve`
uses it: `gunicorn -c gentrack/gunicorn.conf.py gentrack.wsgi`).

HOST and PORT       where to listen (default 127.0.0.1:8000: put a reverse
                    proxy in front; HOST=0.0.0.0 to listen on every address)
WEB_CONCURRENCY     worker processes (default 2 × cores + 1, at most 8)
GUNICORN_TIMEOUT    seconds a request may take before its worker is killed
                    and replaced (default 120)
GUNICORN_MAX_REQUESTS
                    requests after which a worker is replaced (default 1000,
                    0 never), to bound the memory any slow leak can take
GUNICORN_CONTROL_SOCKET
                    path of gunicorn's control socket for `gunicornc`
                    (default: none)
"""

import multiprocessing
import os


def _whole_number(name, default):
    raw = os.environ.get(name, "")
    if raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SystemExit(f"{name} must be a whole number, not {raw!r}") from None
    if value < 0:
        raise SystemExit(f"{name} must not be negative, not {raw!r}")
    return value


bind = f"{os.environ.get('HOST') or '127.0.0.1'}:{_whole_number('PORT', 8000)}"

# Sync workers: each serves one request at a time, so the pages' and the
# API's database work never shares a process. 2 × cores + 1 keeps the cores
# busy while some workers wait on PostgreSQL; the cap keeps a big machine
# from opening more database connections than PostgreSQL's default 100 allow
# across a web tier, a worker and beat.
workers = _whole_number("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8)) or 1

# The longest request gentrack serves is the API's CSV of every row, which
# streams 100,000 commitments in about 16 s (docs/api.md); the timeout leaves
# room for several times that before a stuck worker is killed. Bulk pulls
# beyond that size belong to the cursor.
timeout = _whole_number("GUNICORN_TIMEOUT", 120)
# On SIGTERM (a deploy, Ctrl-C under make serve) requests in flight get this
# long to finish before their workers are killed.
graceful_timeout = _whole_number("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = 5

# A worker is replaced after this many requests (± the jitter, so that the
# workers do not all restart at once): a slow leak can never grow without bound.
max_requests = _whole_number("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = _whole_number("GUNICORN_MAX_REQUESTS_JITTER", max_requests // 10)

# Logs go to the standard streams, for the process manager to collect.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The request's duration in milliseconds at the end of each access line.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'

# gunicorn 25+ opens a control socket at one fixed path per user by default;
# two instances on one machine would fight over it. Only on request.
_control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
if _control_socket:
    control_socket = _control_socket
else:
    control_socket_disable = True

# The heartbeat files of the workers in memory, not on a disk that may stall
# (gunicorn creates them with mkstemp, private to this user).
if os.path.isdir("/dev/shm"):  # noqa: S108
    worker_tmp_dir = "/dev/shm"  # noqa: S108
