"""GET /metrics: the Prometheus text exposition (workers/metrics.py says what is in it).

Not open to the world: with HYPERCRM_METRICS_TOKEN set, a scraper sends it as
`Authorization: Bearer <token>`; without one, only this machine (a loopback address) is
answered. Everyone else gets 403 and nothing about the work.
"""

import hmac
import ipaddress

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST

from workers.metrics import render


def _may_scrape(request) -> bool:
    token = settings.METRICS_TOKEN
    if token:
        sent = request.headers.get("Authorization", "")
        scheme, _space, value = sent.partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(value.strip(), token)
    try:
        return ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False


@require_GET
def metrics_view(request):
    if not _may_scrape(request):
        return HttpResponse(
            _(
                "Metrics are answered only with the metrics token"
                " (HYPERCRM_METRICS_TOKEN) or from this machine."
            ),
            status=403,
            content_type="text/plain; charset=utf-8",
        )
    return HttpResponse(render(), content_type=CONTENT_TYPE_LATEST)
