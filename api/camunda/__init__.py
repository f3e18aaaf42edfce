"""A Camunda 7-compatible REST surface under /engine-rest/ for external-task workers.

Camunda's clients (camunda-external-task-client-python3, the Java and JavaScript clients)
work against it unchanged: the same paths, JSON shapes, typed variables and error bodies
(`{"type", "message"}`), authenticated by HTTP Basic or the API token as a Bearer.
"""
