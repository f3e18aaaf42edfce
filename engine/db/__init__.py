"""The engine's plain SQL, all of it: the statements that run at every step.

Building these statements through the ORM each time costs more than running them; the
statements are simple and the tables are the engine's own. The rules:

- No other engine module opens a cursor; services and selectors call these functions.
- Each statement says, on the line above it, the ORM call it replaces and why.
- tests/engine/test_db.py runs each one next to that ORM call and compares the results.
"""
