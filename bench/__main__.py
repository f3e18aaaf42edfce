"""python -m bench SCENARIO [--json]: HyperCRM's benchmarks (see docs/performance.md)."""

import sys

from bench.runner import main

sys.exit(main(sys.argv[1:]))
