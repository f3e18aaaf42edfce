"""Downloading a backup archive from the dashboard's backup card (managers)."""

from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from operations.selectors import backup_archive
from processes.access import may_download_backups
from web.access import allowed


@allowed(may_download_backups)
@require_GET
def backup_download(request, name: str):
    archive = backup_archive(name)
    if archive is None:
        raise Http404(_("There is no backup named “%(name)s”.") % {"name": name})
    return FileResponse(
        archive.path.open("rb"),
        as_attachment=True,
        filename=archive.name,
        content_type="application/gzip",
    )
