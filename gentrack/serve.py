"""`make serve`: start gentrack in production mode, first time.

    python -m gentrack.serve check   the settings load, or one clear sentence
                                     says which variable to set (no traceback)
    python -m gentrack.serve run     gunicorn, and beside it a Celery worker
                                     and beat when REDIS_URL is set

`make serve` runs `check`, compiles the message catalogues, migrates,
collects the static files, then `run`.

Why one command starts all three: with REDIS_URL set, a job queued by a
page (an export, a review notification) runs only if a worker is up, and
the daily reminders only if beat is; a site started without them looks fine
and silently does nothing. So `run` starts them together, stops them
together on Ctrl-C or SIGTERM (each gets SIGTERM: gunicorn finishes its
requests, the worker its tasks), and if any one of them dies it stops the
others and exits non-zero, so that the process manager restarts the set
rather than leaving a site without its worker. Where the web tier runs on
several machines, beat must run on one only: set SERVE_JOBS=false there and
run `make worker` and `make beat` as their own services.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TRY_OUT = (
    "For a try-out over plain HTTP on this machine:\n"
    "  DEBUG=false SECRET_KEY=$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=127.0.0.1,localhost \\\n"
    "  SECURE_SSL_REDIRECT=false SECURE_COOKIES=false SECURE_HSTS_SECONDS=0 make serve"
)


def check():
    """Load the settings as the server will; a refusal becomes one line."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gentrack.settings")
    from django.core.exceptions import ImproperlyConfigured

    try:
        from django.conf import settings

        settings.INSTALLED_APPS  # noqa: B018 (reading one setting loads them all)
    except ImproperlyConfigured as error:
        print(f"make serve: {error}\n\n{TRY_OUT}", file=sys.stderr)
        return 2
    if settings.DEBUG:
        print(
            "make serve: DEBUG is on (the default). Production serves with DEBUG=false; "
            "`make run` is the development server.\n\n" + TRY_OUT,
            file=sys.stderr,
        )
        return 2
    if settings.SECURE_SSL_REDIRECT and not settings.SECURE_PROXY_SSL_HEADER:
        print(
            "make serve: plain-HTTP requests are redirected to HTTPS (SECURE_SSL_REDIRECT). Behind a proxy that "
            "ends TLS set BEHIND_PROXY=true; for a plain-HTTP try-out set SECURE_SSL_REDIRECT=false."
        )
    return 0


def _die_with_parent():
    """Run in each child before it starts: if this supervisor is killed
    outright (SIGKILL, no chance to clean up), the kernel sends the child
    SIGTERM, so no orphan keeps the port or the queue."""
    os.setsid()  # its own process group: the terminal's Ctrl-C reaches only us
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the process group still goes on SIGTERM
        pass


def commands(environ):
    python = sys.executable
    programs = {"web": [python, "-m", "gunicorn", "-c", str(ROOT / "gentrack" / "gunicorn.conf.py"), "gentrack.wsgi"]}
    jobs = environ.get("SERVE_JOBS", "").strip().lower() not in {"0", "false", "no", "off"}
    if environ.get("REDIS_URL") and jobs:
        concurrency = environ.get("CELERY_CONCURRENCY") or "2"
        programs["worker"] = [python, "-m", "celery", "-A", "gentrack", "worker", "--loglevel", "INFO"]
        programs["worker"] += ["--concurrency", concurrency]
        schedule = environ.get("CELERY_BEAT_SCHEDULE_FILE") or str(ROOT / "celerybeat-schedule")
        programs["beat"] = [python, "-m", "celery", "-A", "gentrack", "beat", "--loglevel", "INFO"]
        programs["beat"] += ["--schedule", schedule]
    return programs


def run(environ=None, grace=None):
    environ = dict(os.environ if environ is None else environ)
    grace = grace if grace is not None else int(environ.get("GUNICORN_GRACEFUL_TIMEOUT") or 30) + 10
    children = {
        name: subprocess.Popen(argv, cwd=ROOT, env=environ, preexec_fn=_die_with_parent)  # noqa: S603 (our own argv)
        for name, argv in commands(environ).items()
    }
    started = ", ".join(f"{name} (pid {child.pid})" for name, child in children.items())
    print(f"make serve: started {started}", flush=True)
    stopping = []

    def ask_to_stop(signum, _frame):
        stopping.append(signum)

    previous = {signum: signal.signal(signum, ask_to_stop) for signum in (signal.SIGINT, signal.SIGTERM)}
    exit_code = 0
    try:
        while not stopping:
            ended = [name for name, child in children.items() if child.poll() is not None]
            if ended:
                print(
                    f"make serve: {ended[0]} exited with {children[ended[0]].returncode}; stopping the others.",
                    flush=True,
                )
                exit_code = 1
                break
            time.sleep(0.5)
    finally:
        _stop_all(children, grace)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return exit_code


def _stop_all(children, grace):
    for child in children.values():
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + grace
    for child in children.values():
        try:
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            pass
    for child in children.values():
        # The whole group: gunicorn's workers and Celery's pool too.
        try:
            os.killpg(child.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        child.wait()


if __name__ == "__main__":
    action = sys.argv[1] if len(sys.argv) > 1 else ""
    if action == "check":
        sys.exit(check())
    if action == "run":
        sys.exit(run())
    sys.exit("usage: python -m gentrack.serve check|run")
