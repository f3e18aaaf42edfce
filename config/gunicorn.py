"""The web server's settings: `gunicorn -c config/gunicorn.py config.wsgi`.

One process per core, on SQLite too: a request spends most of its time in Python, which
runs one thread at a time in a process, so only processes use the second core. On SQLite
the writers still go one at a time (config/sqlite queues them across processes), but a
request's reading, checking and answering run beside another's write: with two processes
on two cores, task completions over HTTP went from 290 to 420–440 a second (bench api).
Each process runs a few threads, to overlap the waits on the database and the client;
more add switching, not throughput.

With the embedded worker (no broker), each process runs one; workers/embedded.py
lets one of them sweep.

WEB_CONCURRENCY (processes) and HYPERCRM_WEB_THREADS override the defaults.
"""

import gc
import os
from pathlib import Path

import environ

env = environ.Env()
environ.Env.read_env(Path(__file__).resolve().parent.parent / ".env", overwrite=False)

wsgi_app = "config.wsgi"
worker_class = "gthread"
workers = env.int("WEB_CONCURRENCY", default=os.cpu_count() or 1)
threads = env.int("HYPERCRM_WEB_THREADS", default=4)


def post_worker_init(worker):
    # A request allocates tens of thousands of short-lived objects. With Python's default
    # (a young-generation collection every 700 allocations) the collector costs a task
    # completion about 0.5 ms; every 50,000 it costs half as much, for a few MB of memory.
    gc.set_threshold(50_000, 10, 10)


def worker_exit(server, worker):
    # A stopping worker's interpreter clears its modules with full garbage collections over
    # everything the process loaded (Django, SpiffWorkflow, fontTools …): 3–10 s of CPU per
    # process, for memory the exit hands back anyway — a restart or `bench api` waited for
    # it. Frozen objects are left to the exit; files and connections still close, as
    # their own references go.
    gc.freeze()
