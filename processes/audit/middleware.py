"""Who, from which address and in which request: the audit log's context of a request.

django-auditlog's own middleware connects a `pre_save` receiver for its LogEntry at the
start of every request and disconnects it at the end. Each connect and disconnect empties
the signal's receiver cache, so every save the request makes looks up its receivers again:
0.05 ms of an API task completion's 1.65 ms of CPU (`VIA=wsgi bench/instructions.py` with
and without it). Here one receiver is connected once, when the app is ready
(`connect_receiver`), and the request's values are set in the library's own context
variable for as long as the request is served, then taken back (the correlation id too,
which the library's middleware leaves to the next change the thread makes).

The values are the library's: its middleware's `get_extra_data` (actor, address, port),
its correlation id (`set_cid`) and its receiver, curried with one fixed id instead of a
new one per request. tests/processes/audit/test_audit_middleware.py writes a change under
both middlewares and compares the log rows, and checks that a request leaves no receiver
and no value behind. The receiver and the context variable are the library's internals:
django-auditlog is pinned (requirements.txt) for them.
"""

from functools import partial

from auditlog import get_logentry_model
from auditlog.cid import correlation_id, set_cid
from auditlog.context import _set_extra_data, auditlog_value
from auditlog.middleware import AuditlogMiddleware
from django.db.models.signals import pre_save

# The id of the one receiver, and the mark its values carry (the library's receiver only
# applies values that carry its own id).
SIGNAL_DUID = ("hypercrm-audit-request", 0.0)


def connect_receiver() -> None:
    """Connect the receiver that names the request's actor, address and id on each log row
    (once: a second connection under the same id is ignored)."""
    pre_save.connect(
        partial(_set_extra_data, signal_duid=SIGNAL_DUID),
        sender=get_logentry_model(),
        dispatch_uid=SIGNAL_DUID,
        weak=False,
    )


class AuditRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.extra = AuditlogMiddleware(get_response=None)  # its settings are read by now

    def __call__(self, request):
        cid_token = correlation_id.set(None)
        set_cid(request)
        context = self.extra.get_extra_data(request)
        context["signal_duid"] = SIGNAL_DUID
        token = auditlog_value.set(context)
        try:
            return self.get_response(request)
        finally:
            auditlog_value.reset(token)
            correlation_id.reset(cid_token)
