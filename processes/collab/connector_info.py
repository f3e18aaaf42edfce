"""What the case-files connector does and its result (see processes/sales/connector_info.py)."""

from django.utils.translation import gettext_lazy as _

from processes.common.connector_params import info

INFO = {
    "case.attachments": info(
        _("Read the case's files"),
        _("Lists the files attached to the case and its tasks, oldest first."),
        (),
        _("attachments (name, type, size, who attached it and when, download) and count."),
        "files",
    ),
}
