"""The web server's settings: `gunicorn -c config/gunicorn.py config.wsgi`.

On SQLite one process serves every request by default: writers run one at a time anyway
(config/sqlite queues them, across processes too), and on two cores a second process
measured no faster. On PostgreSQL, one process per core. Each process runs a few
threads: a request spends most of its time in Python, which runs one thread at a time in
a process, so more threads add switching, not throughput.

WEB_CONCURRENCY (processes) and HYPERCRM_WEB_THREADS override the defaults.
"""

import gc
import os
from pathlib import Path

import environ

env = environ.Env()
environ.Env.read_env(Path(__file__).resolve().parent.parent / ".env", overwrite=False)

# The same test as config/settings.py: no DATABASE_URL means the embedded SQLite file.
SQLITE = env.str("DATABASE_URL", default="sqlite://").startswith("sqlite")

wsgi_app = "config.wsgi"
worker_class = "gthread"
workers = env.int("WEB_CONCURRENCY", default=1 if SQLITE else os.cpu_count() or 1)
threads = env.int("HYPERCRM_WEB_THREADS", default=4)


def post_worker_init(worker):
    # A request allocates tens of thousands of short-lived objects. With Python's default
    # (a young-generation collection every 700 allocations) the collector costs a task
    # completion about 0.5 ms; every 50,000 it costs half as much, for a few MB of memory.
    gc.set_threshold(50_000, 10, 10)
