"""External tasks, Camunda's way: service tasks done by workers outside HyperCRM.

sync.py keeps one `ExternalTask` row per READY service task that waits for a worker;
fetch.py locks them for workers (one conditional UPDATE each, so a lock is never held
twice); report.py takes what a worker reports (complete, failure, BPMN error, extend
lock, unlock) into the instance, under the instance's lock (DESIGN.md invariant 1).
Who may do so is asked of engine/services/permissions.py (external_work_refusal).
"""
