"""The sandbox every script and expression from uploaded BPMN runs in.

Threat model: whoever can deploy a diagram can put Python into script tasks, conditions,
pre/post scripts, service-task parameters and timer expressions, and the engine runs it in
the web and worker processes, next to the database and the settings. The code must not
reach the interpreter (imports, open/eval/getattr, dunders leading to `__subclasses__()` or
a function's globals, frames, str.format field lookups) nor hold a worker forever.

RestrictedPython's compiler plus our policy refuse those constructs statically: a refused
script runs no line at all. At run time only curated builtins exist, attribute access is
guarded, and a deadline is checked by a `sys.settrace` tracer, per `while` round and loop
item, and on entering every `except`/`finally` (so the timeout cannot be swallowed). `*`,
`**`, `+`, `<<`, `%`, range, pow, int() and the str/list methods that grow text refuse huge
results. Scripts see no exception outside `Exception` (SystemExit, KeyboardInterrupt,
GeneratorExit, BaseException are refused by name), and one raised from inside an
evaluation anyway becomes a refusal, so a script never ends the process. Timer values are
bounded (`timers`). f-string fields are formatted by a guard refusing widths and
precisions of millions and a Decimal written out in millions of digits. While a script runs
the process's resident size is read every 5 ms and the script stops past its memory limit
(`memory`); the data it leaves is walked once (`data`): too large, too deep, cyclic, NaN or
keys that are not text or numbers are refused and the variables go back to what they were.
Not covered: single C calls that are slow on big but allowed inputs.

The package: `policy` (what is refused before a line runs, and compiling), `guards` (the
run-time checks and the builtins scripts see), `environment` (running a script or an
expression under a deadline), `timers` (the bound on timer values), `memory` and `data`
(the limits above).
"""

from .environment import SandboxedEnvironment
from .policy import ScriptRefused, ScriptTimeout, check_script

__all__ = ["SandboxedEnvironment", "ScriptRefused", "ScriptTimeout", "check_script"]
