"""A customer's or supplier's addresses: added, changed and removed on the customer page (added
and removed on the API too),
the default one of each kind printed on its documents (invoices and quotations their billing
address). Countries are ISO 3166-1 alpha-2 codes, named in the reader's language by Babel."""

from functools import lru_cache

from babel import Locale
from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from processes.common.errors import invalid
from processes.crm.models import Address, Party

Kind = Address.Kind


# Two-letter codes CLDR names that are no country: the unknown region, Outlying Oceania,
# the European Union and eurozone, the United Nations, and two pseudo-locales' regions.
NOT_COUNTRIES = frozenset({"ZZ", "QO", "EU", "EZ", "UN", "XA", "XB"})


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """The ISO 3166-1 alpha-2 codes of countries Babel knows (read once: they do not change
    at run time); Kosovo's XK, in common use, included."""
    return frozenset(
        code
        for code in Locale("en").territories
        if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
    )


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
def address_update(
    *,
    address: Address,
    street: str,
    city: str,
    country: str,
    postal_code: str = "",
    kind: str | None = None,
    is_default: bool | None = None,
) -> Address:
    """Change an address in place, checked as when it is added (400 naming the field, nothing
    changed). `is_default` True makes it the one documents print (the earlier default of its
    kind stops being it); False hands that to the next of its kind, when there is one; None
    keeps it. Moved to the other kind, it leaves its old kind's default to the next one.
    Documents already made keep the address they were printed with."""
    kind = address.kind if kind is None else kind
    if kind not in Kind.values:
        raise invalid("kind", _("An address is for billing or for delivery."))
    street, city, country, postal_code = _checked(street, city, country, postal_code)
    Party.objects.select_for_update().filter(pk=address.party_id).first()  # one default at a time
    old_kind, was_default = address.kind, address.is_default
    others = Address.objects.filter(party_id=address.party_id, kind=kind).exclude(pk=address.pk)
    if is_default is None:
        is_default = was_default if kind == old_kind else not others.exists()
    if not is_default and not others.exists():
        is_default = True  # the only one of its kind is the one documents print
    if is_default:
        for earlier in others.filter(is_default=True):
            earlier.is_default = False
            earlier.save(update_fields=["is_default"])
    values = {
        "kind": kind,
        "street": street,
        "postal_code": postal_code,
        "city": city,
        "country": country,
        "is_default": is_default,
    }
    changed = [name for name, value in values.items() if getattr(address, name) != value]
    for name in changed:
        setattr(address, name, values[name])
    if changed:
        address.save(update_fields=changed)
    if was_default and (kind != old_kind or not is_default):
        _promote_next(address.party_id, old_kind, leaving=address.pk)
    return address


def _promote_next(party_id: int, kind: str, leaving: int | None = None) -> None:
    """The next address of `kind` becomes the default, unless one already is."""
    rest = Address.objects.filter(party_id=party_id, kind=kind).exclude(pk=leaving)
    if rest.filter(is_default=True).exists():
        return
    following = rest.order_by("id").first()
    if following is not None:
        following.is_default = True
        following.save(update_fields=["is_default"])


@transaction.atomic
def address_remove(*, address: Address) -> None:
    """Remove an address; when it was the default, the next of its kind becomes it.
    Documents already made keep the address they were printed with."""
    party_id, kind, was_default = address.party_id, address.kind, address.is_default
    address.delete()
    if was_default:
        _promote_next(party_id, kind)


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
