"""The company's details: one row (pk 1), written by `services.company_details_set`."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

SINGLETON = 1


class CompanyDetails(models.Model):
    """What the company's documents say about it (docs/taxes.md "Company details")."""

    legal_name = models.CharField(max_length=200)
    address = models.TextField(blank=True)  # street, postcode and town, country: as printed
    country = models.CharField(max_length=2, blank=True)  # ISO 3166-1 alpha-2
    tax_id = models.CharField(max_length=50, blank=True)  # VAT id (FR…, DE…) or INN
    registration_number = models.CharField(max_length=50, blank=True)  # SIREN/SIRET, OGRN …
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=50, blank=True)
    bank_name = models.CharField(max_length=200, blank=True)
    iban = models.CharField(max_length=34, blank=True)  # stored without spaces
    bic = models.CharField(max_length=11, blank=True)
    logo = models.FileField(upload_to="company/", blank=True)  # PNG or JPEG
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "company details"
        verbose_name_plural = "company details"
        constraints = [
            models.CheckConstraint(condition=Q(pk=SINGLETON), name="company_details_one_row"),
        ]

    def __str__(self) -> str:
        return self.legal_name
