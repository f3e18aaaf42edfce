"""A customer's or supplier's addresses: added and removed on the customer page and the API,
the default one of each kind printed on its documents (invoices and quotations their billing
address). Countries are ISO 3166-1 alpha-2 codes, named in the reader's language by Babel."""

from babel import Locale
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from processes.common.errors import invalid
from processes.crm.models import Address, Party

Kind = Address.Kind


def country_codes() -> set[str]:
    return {code for code in Locale("en").territories if len(code) == 2 and code.isalpha()}


def country_name(code: str, language: str | None = None) -> str:
    """The country's name in `language` (default: the active one), else its code."""
    try:
        locale = Locale.parse((language or get_language() or "en").replace("-", "_"))
    except (ValueError, TypeError):
        locale = Locale("en")
    return locale.territories.get(code.upper(), code.upper())


def country_choices() -> list[tuple[str, str]]:
    """(code, name) of every country, by name in the reader's language."""
    return sorted(((code, country_name(code)) for code in country_codes()), key=lambda c: c[1])


def _checked(street: str, city: str, country: str, postal_code: str) -> tuple[str, ...]:
    street = "\n".join(line.strip() for line in str(street).splitlines() if line.strip())
    city, postal_code = " ".join(str(city).split()), " ".join(str(postal_code).split())
    country = str(country).strip().upper()
    if not street:
        raise invalid("street", _("Write the street and number."))
    if not city:
        raise invalid("city", _("Write the town or city."))
    if len(city) > 100 or len(postal_code) > 20:
        raise invalid("city", _("The town has at most 100 characters, the postcode 20."))
    if country not in country_codes():
        raise invalid(
            "country", _("“%(code)s” is not a country code (DE, FR, RU …).") % {"code": country}
        )
    return street, city, country, postal_code


@transaction.atomic
def address_add(
    *,
    party: Party,
    street: str,
    city: str,
    country: str,
    postal_code: str = "",
    kind: str = Kind.BILLING,
    is_default: bool | None = None,
) -> Address:
    """Add an address; the first of its kind, or one marked default, becomes the default
    (the earlier default of that kind stops being it). 400 naming a missing or wrong field."""
    if kind not in Kind.values:
        raise invalid("kind", _("An address is for billing or for delivery."))
    street, city, country, postal_code = _checked(street, city, country, postal_code)
    Party.objects.select_for_update().filter(pk=party.pk).first()  # one default at a time
    existing = Address.objects.filter(party=party, kind=kind)
    if is_default is None:
        is_default = not existing.exists()
    if is_default:
        for earlier in existing.filter(is_default=True):
            earlier.is_default = False
            earlier.save(update_fields=["is_default"])
    return Address.objects.create(
        party=party,
        kind=kind,
        street=street,
        postal_code=postal_code,
        city=city,
        country=country,
        is_default=is_default,
    )


@transaction.atomic
def address_remove(*, address: Address) -> None:
    """Remove an address; when it was the default, the next of its kind becomes it.
    Documents already made keep the address they were printed with."""
    party, kind, was_default = address.party, address.kind, address.is_default
    address.delete()
    if was_default:
        following = Address.objects.filter(party=party, kind=kind).order_by("id").first()
        if following is not None:
            following.is_default = True
            following.save(update_fields=["is_default"])


def default_address(party: Party | None, kind: str = Kind.BILLING) -> Address | None:
    """The address documents print: the default of `kind`, else the other kind's."""
    if party is None or not getattr(party, "pk", None):
        return None
    found = list(Address.objects.filter(party=party, is_default=True))
    wanted = [a for a in found if a.kind == kind] or found
    return wanted[0] if wanted else None


def address_lines(address: Address | None, language: str | None = None) -> list[str]:
    """The address as printed: its street lines, postcode and town, the country by name."""
    if address is None:
        return []
    town = " ".join(part for part in (address.postal_code, address.city) if part)
    return [*address.street.splitlines(), town, country_name(address.country, language)]
