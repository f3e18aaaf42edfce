"""Writes of the crm app: parties, contacts and their channels, the funnel, deals, interactions."""

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from processes.common.errors import InvalidTransition, invalid
from processes.common.updates import clean_and_save, model_update
from processes.crm.models import (
    Contact,
    ContactChannel,
    Deal,
    FunnelStage,
    Interaction,
    Party,
    Tag,
)

PARTY_FIELDS = {
    "kind",
    "name",
    "tax_id",
    "tax_exemption",
    "is_customer",
    "is_supplier",
    "price_list",
    "notes",
    "owner",
    "is_active",
}
CONTACT_FIELDS = {"name", "job_title", "notes", "is_active"}
STAGE_FIELDS = {"name", "order", "probability", "is_won", "is_lost"}
DEAL_FIELDS = {"party", "title", "amount", "expected_close", "owner"}


@transaction.atomic
def party_create(
    *,
    name: str,
    kind: str = Party.Kind.COMPANY,
    tax_id: str = "",
    tax_exemption: str = "",
    is_customer: bool = False,
    is_supplier: bool = False,
    price_list=None,
    notes: str = "",
    owner=None,
    tags: Iterable[str] = (),
    is_active: bool = True,
) -> Party:
    """Create a company or person; the flags say whether it is a customer, a supplier, both;
    `owner` looks after it, `tags` file it (new words become tags)."""
    party = Party(
        name=name.strip(),
        kind=kind,
        tax_id=tax_id.strip(),
        tax_exemption=tax_exemption,
        is_customer=is_customer,
        is_supplier=is_supplier,
        price_list=price_list,
        notes=notes,
        owner=owner,
        is_active=is_active,
    )
    party = clean_and_save(party)
    party.tags.set(tags_named(tags))
    return party


@transaction.atomic
def party_update(*, party: Party, data: dict[str, Any]) -> Party:
    """Change a party's own fields (name, roles, price list, owner, active ...); `tags` in
    `data` replaces its tags."""
    data = dict(data)
    tags = data.pop("tags", None)
    party, _changed = model_update(instance=party, data=data, fields=PARTY_FIELDS)
    if tags is not None:
        party.tags.set(tags_named(tags))
    return party


def tags_named(names: Iterable[str]) -> list[Tag]:
    """The tags of these words, made for new words; a word matches a tag in any case, so
    "VIP" and "vip" are one tag (spelt as first written). 400 for a word over 50 letters."""
    wanted: dict[str, str] = {}
    for name in names:
        word = " ".join(str(name).split())
        if len(word) > 50:
            message = _("The tag “%(word)s…” is longer than 50 characters.")
            raise invalid("tags", message % {"word": word[:20]})
        if word:
            wanted.setdefault(word.lower(), word)
    if not wanted:
        return []
    # A tag another request makes meanwhile is kept, not doubled (the unique index on its
    # lower-cased name); then all are read back.
    Tag.objects.bulk_create([Tag(name=word) for word in wanted.values()], ignore_conflicts=True)
    found = Tag.objects.annotate(key=Lower("name")).filter(
        Q(key__in=list(wanted)) | Q(name__in=list(wanted.values()))
    )
    by_key = {tag.name.lower(): tag for tag in found.order_by("-pk")}  # the oldest wins
    return [by_key[key] for key in wanted]


@transaction.atomic
def contact_create(
    *,
    party: Party,
    name: str,
    job_title: str = "",
    notes: str = "",
    channels: Iterable[dict[str, Any]] = (),
) -> Contact:
    """Add a person at `party`, with channels given as {"kind", "value", "is_primary"?}."""
    contact = clean_and_save(
        Contact(party=party, name=name.strip(), job_title=job_title, notes=notes)
    )
    for channel in channels:
        contact_add_channel(
            contact=contact,
            kind=channel["kind"],
            value=channel["value"],
            is_primary=channel.get("is_primary", False),
        )
    return contact


@transaction.atomic
def contact_update(*, contact: Contact, data: dict[str, Any]) -> Contact:
    """Change a contact's own fields; channels change through contact_add_channel."""
    contact, _changed = model_update(instance=contact, data=data, fields=CONTACT_FIELDS)
    return contact


@transaction.atomic
def contact_add_channel(
    *, contact: Contact, kind: str, value: str, is_primary: bool = False
) -> ContactChannel:
    """Add a way to reach `contact` (adding one it already has returns that one).

    The first channel of a kind becomes the primary one; `is_primary=True` makes the new
    channel primary in place of the previous one.
    """
    value = value.strip()
    if kind == ContactChannel.Kind.EMAIL:
        try:
            validate_email(value)
        except ValidationError:
            raise invalid(
                "value", _("“%(value)s” is not an e-mail address.") % {"value": value}
            ) from None
    channels = ContactChannel.objects.select_for_update().filter(contact=contact, kind=kind)
    existing = {c.value: c for c in channels}
    channel = existing.get(value) or ContactChannel(contact=contact, kind=kind, value=value)
    has_primary = any(c.is_primary for c in existing.values())
    make_primary = is_primary or not has_primary or channel.is_primary
    if make_primary and not channel.is_primary:
        ContactChannel.objects.filter(contact=contact, kind=kind, is_primary=True).update(
            is_primary=False
        )
    channel.is_primary = make_primary
    return clean_and_save(channel)


@transaction.atomic
def funnel_stage_create(
    *,
    name: str,
    order: int | None = None,
    probability: int = 0,
    is_won: bool = False,
    is_lost: bool = False,
) -> FunnelStage:
    """Add a stage to the sales funnel (without an `order`, after the last one); won and lost
    stages close the deals moved into them."""
    if order is None:
        last = FunnelStage.objects.order_by("-order").values_list("order", flat=True).first()
        order = 0 if last is None else last + 1
    stage = FunnelStage(
        name=name.strip(), order=order, probability=probability, is_won=is_won, is_lost=is_lost
    )
    _check_stage(stage)
    return clean_and_save(stage)


@transaction.atomic
def funnel_stage_update(*, stage: FunnelStage, data: dict[str, Any]) -> FunnelStage:
    """Rename, reorder or re-weigh a stage; a stage holding open deals cannot start closing."""
    won, lost = data.get("is_won", stage.is_won), data.get("is_lost", stage.is_lost)
    _check_stage(FunnelStage(is_won=won, is_lost=lost))
    opens_to_close = (won or lost) and not stage.is_closing
    if opens_to_close and stage.deals.filter(status=Deal.Status.OPEN).exists():
        raise invalid(
            "is_won" if won else "is_lost",
            _("The stage “%(stage)s” holds open deals; move them out before it closes deals.")
            % {"stage": stage.name},
        )
    stage, _changed = model_update(instance=stage, data=data, fields=STAGE_FIELDS)
    return stage


def _check_stage(stage: FunnelStage) -> None:
    if stage.is_won and stage.is_lost:
        raise invalid("is_lost", _("A stage cannot be both won and lost."))


@transaction.atomic
def deal_create(
    *,
    party: Party,
    title: str,
    amount: Decimal = Decimal("0.00"),
    stage: FunnelStage | None = None,
    expected_close: date | None = None,
    owner=None,
) -> Deal:
    """Open a deal with `party` in `stage` (by default the first open stage of the funnel)."""
    if not party.is_active:
        raise invalid("party", _("%(party)s is not active.") % {"party": party.name})
    if stage is None:
        stage = FunnelStage.objects.filter(is_won=False, is_lost=False).first()
        if stage is None:
            raise invalid("stage", _("The funnel has no open stage; set up the funnel first."))
    elif stage.is_closing:
        raise invalid(
            "stage",
            _("A deal starts in an open stage, not in “%(stage)s”, which closes deals.")
            % {"stage": stage.name},
        )
    deal = Deal(
        party=party,
        title=title.strip(),
        amount=amount,
        stage=stage,
        expected_close=expected_close,
        owner=owner,
    )
    return clean_and_save(deal)


@transaction.atomic
def deal_update(*, deal: Deal, data: dict[str, Any]) -> Deal:
    """Change a deal's title, amount, party, expected close or owner (not its stage)."""
    deal, _changed = model_update(instance=deal, data=data, fields=DEAL_FIELDS)
    return deal


@transaction.atomic
def deal_move(*, deal: Deal, stage: FunnelStage, lost_reason: str = "") -> Deal:
    """Move an open deal to `stage`; a won stage wins it, a lost stage loses it (with reason).

    A closed deal stays closed: moving it raises InvalidTransition (HTTP 409).
    """
    locked = Deal.objects.select_for_update().get(pk=deal.pk)
    if locked.status != Deal.Status.OPEN:
        message = {
            Deal.Status.WON: _("The deal “%(title)s” is already won; it stays where it is."),
            Deal.Status.LOST: _("The deal “%(title)s” is already lost; it stays where it is."),
        }[locked.status]
        raise InvalidTransition(message % {"title": locked.title})
    lost_reason = lost_reason.strip()
    if stage.is_lost and not lost_reason:
        raise invalid("lost_reason", _("Say why the deal was lost."))
    locked.stage = stage
    if stage.is_won:
        locked.status, locked.lost_reason = Deal.Status.WON, ""
    elif stage.is_lost:
        locked.status, locked.lost_reason = Deal.Status.LOST, lost_reason
    locked.closed_at = timezone.now() if stage.is_closing else None
    locked.save(update_fields=["stage", "status", "lost_reason", "closed_at", "updated_at"])
    return locked


@transaction.atomic
def interaction_log(
    *,
    party: Party,
    kind: str,
    summary: str,
    contact: Contact | None = None,
    deal: Deal | None = None,
    at: datetime | None = None,
    user=None,
) -> Interaction:
    """Record a call, e-mail, meeting or note in the party's history."""
    if contact is not None and contact.party_id != party.pk:
        raise invalid(
            "contact",
            _("%(contact)s is not a contact of %(party)s.")
            % {"contact": contact.name, "party": party.name},
        )
    if deal is not None and deal.party_id != party.pk:
        raise invalid(
            "deal",
            _("The deal “%(title)s” is not one of %(party)s.")
            % {"title": deal.title, "party": party.name},
        )
    interaction = Interaction(
        party=party,
        contact=contact,
        deal=deal,
        kind=kind,
        summary=summary.strip(),
        at=at or timezone.now(),
        user=user,
    )
    return clean_and_save(interaction)
