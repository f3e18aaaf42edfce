"""Setting the company's details (the company page and the admin call this)."""

from io import BytesIO

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError
from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError as NumberInvalid

from processes.common.errors import InvalidData
from processes.company.models import SINGLETON, CompanyDetails

TEXT_FIELDS = (
    "legal_name",
    "address",
    "country",
    "tax_id",
    "registration_number",
    "email",
    "phone",
    "bank_name",
    "iban",
    "bic",
)
LOGO_MAX_BYTES = 1024 * 1024
LOGO_FORMATS = {"PNG": "png", "JPEG": "jpg"}


@transaction.atomic
def company_details_set(
    *, by, logo: UploadedFile | None = None, remove_logo: bool = False, **fields: str
) -> CompanyDetails:
    """Store the company's details; the documents made from now on print them.

    `fields`: TEXT_FIELDS (an IBAN and BIC are checked by their check digits and stored
    without spaces); `logo`: a PNG or JPEG of at most 1 MB. Raises InvalidData naming each
    wrong field; nothing is stored then.
    """
    unknown = set(fields) - set(TEXT_FIELDS)
    if unknown:
        raise TypeError(f"unknown company fields: {sorted(unknown)}")
    values = {name: str(fields.get(name) or "").strip() for name in TEXT_FIELDS}
    errors: dict[str, list[str]] = {}
    if not values["legal_name"]:
        errors["legal_name"] = [_("The company's legal name is needed on every document.")]
    values["country"] = values["country"].upper()
    if values["country"] and not (len(values["country"]) == 2 and values["country"].isalpha()):
        errors["country"] = [_("Give the country as its two-letter code (FR, RU, DE …).")]
    for name, module, message in (
        ("iban", stdnum_iban, _("“%(value)s” is not a valid IBAN: check its digits.")),
        ("bic", stdnum_bic, _("“%(value)s” is not a valid BIC (8 or 11 letters and digits).")),
    ):
        if values[name]:
            try:
                values[name] = module.validate(values[name])
            except NumberInvalid:
                errors[name] = [message % {"value": values[name]}]
    extension = _logo_extension(logo, errors) if logo is not None else None
    if errors:
        raise InvalidData(_("The company details are not saved."), errors=errors)
    details = CompanyDetails.objects.select_for_update().filter(pk=SINGLETON).first()
    details = details or CompanyDetails(pk=SINGLETON)
    for name, value in values.items():
        setattr(details, name, value)
    details.updated_by, details.updated_at = by, timezone.now()
    old_logo = details.logo.name
    if logo is not None:
        logo.seek(0)
        details.logo.save(f"logo.{extension}", logo, save=False)
    elif remove_logo:
        details.logo = ""
    details.save()
    if old_logo and old_logo != details.logo.name:
        storage = details.logo.storage
        transaction.on_commit(lambda: storage.delete(old_logo))
    return details


def _logo_extension(logo: UploadedFile, errors: dict[str, list[str]]) -> str | None:
    """The logo's file extension when it is a PNG or JPEG within the size; else an error."""
    if (logo.size or 0) > LOGO_MAX_BYTES:
        errors["logo"] = [_("The logo is larger than 1 MB.")]
        return None
    try:
        logo.seek(0)
        with Image.open(BytesIO(logo.read())) as image:
            image.verify()
            kind = image.format
    except (UnidentifiedImageError, OSError, SyntaxError):
        kind = None
    if kind not in LOGO_FORMATS:
        errors["logo"] = [_("The logo must be a PNG or JPEG image.")]
        return None
    return LOGO_FORMATS[kind]
