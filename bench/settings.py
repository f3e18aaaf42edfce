"""Settings for benchmarks: the product's settings plus the benchmark connectors."""

from config.settings import *  # noqa: F403
from config.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
# The benchmark drives background work itself (its own embedded worker or Celery workers).
EMBEDDED_WORKER = False
