"""The service-task handler that lets a diagram read its case's files: a service task with
`case.attachments` puts them in its result variable, for the scripts and forms after it."""

from engine.connectors import calling_instance_id
from processes.collab.selectors import case_attachments


def case_files(params: dict, *, data: dict) -> dict:
    """The calling case's files (its own and its tasks'), oldest first: name, type, size,
    SHA-256, who attached it and when, and the page that downloads it."""
    instance_id = calling_instance_id()
    if instance_id is None:
        raise KeyError("'case' is missing: case.attachments runs in a case's service task")
    files = [
        {
            "name": file.name,
            "content_type": file.content_type,
            "size": file.size,
            "sha256": file.sha256,
            "uploaded_by": file.uploaded_by.username if file.uploaded_by else "",
            "uploaded_at": file.uploaded_at.isoformat(),
            "download": f"/attachments/{file.pk}/",
        }
        for file in case_attachments(instance_id)
    ]
    return {"attachments": files, "count": len(files)}


CONNECTORS = {"case.attachments": case_files}
