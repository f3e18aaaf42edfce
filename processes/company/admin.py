from django.contrib import admin

from processes.company.models import CompanyDetails


@admin.register(CompanyDetails)
class CompanyDetailsAdmin(admin.ModelAdmin):
    """Read here; set on the company page (/settings/company/), which checks every field."""

    list_display = ["legal_name", "tax_id", "iban", "updated_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
