"""Run inside a restored HyperCRM (`manage.py shell`): describe what is there, then drive
every instance to its end, and print both as one JSON line."""

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User

from engine.models import HumanTask, ProcessInstance, Timer
from engine.services.advance import instance_advance
from engine.services.instances import instance_start
from engine.services.tasks import task_complete

FORM_DATA = {
    "enter_order": {"customer": "ACME", "quantity": 500, "price": 10},
    "approve_order": {"approved": True},
}
before = {
    "instances": sorted(ProcessInstance.objects.values_list("pk", "status", "stage")),
    "open_tasks": sorted(
        HumanTask.objects.filter(status="open").values_list("instance_id", "element_id")
    ),
    "timers": Timer.objects.count(),
    "files": sorted(
        str(p.relative_to(settings.MEDIA_ROOT))
        for p in Path(settings.MEDIA_ROOT).rglob("*")
        if p.is_file()
    ),
}
admin = User.objects.filter(is_superuser=True).first()
for _round in range(5):
    for task in HumanTask.objects.filter(status__in=("open", "claimed")):
        task_complete(task_id=task.pk, user=admin, data=FORM_DATA[task.element_id])
    for pk in ProcessInstance.objects.filter(status="running").values_list("pk", flat=True):
        while instance_advance(instance_id=pk):
            pass
newest = max(ProcessInstance.objects.values_list("pk", flat=True))
after = {
    "statuses": sorted(set(ProcessInstance.objects.values_list("status", flat=True))),
    "next_id": instance_start(definition_key="order_approval").pk,
    "newest_before": newest,
}
print("RESULT " + json.dumps({"before": before, "after": after}))
