"""A diagram from another tool, deployed and started, its first task open in the browser
for Pat (a superuser): what the foreign-form tests start from."""

from engine.models import HumanTask
from engine.services.definitions import definition_deploy
from engine.services.instances import instance_start
from tests.factories import make_user


def open_first_task(session, name, *, file_name, content, process, element):
    """Deploy `content`, start `process` as Pat and open its `element` task: (browser, task)."""
    definition_deploy(file_name=file_name, content=content, user=None, check_role=False)
    pat = make_user("pat", password="demo", first_name="Pat", is_superuser=True)
    instance = instance_start(definition_key=process, user=pat)
    task = HumanTask.objects.get(instance=instance, element_id=element)
    browser = session(name)
    browser.login("pat")
    browser.open_task(task.pk)
    return browser, task
