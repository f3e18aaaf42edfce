"""Reading the company's details."""

from django.conf import settings

from processes.company.models import SINGLETON, CompanyDetails


def company_details() -> CompanyDetails:
    """The stored details, or (before an administrator set them) an unsaved row with the
    name from `HYPERCRM["COMPANY_NAME"]`."""
    found = CompanyDetails.objects.filter(pk=SINGLETON).first()
    if found is not None:
        return found
    return CompanyDetails(
        pk=SINGLETON, legal_name=settings.HYPERCRM.get("COMPANY_NAME", "HyperCRM")
    )
