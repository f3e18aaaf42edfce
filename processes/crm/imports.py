"""Importing customers and suppliers with their contacts from a CSV or XLSX file, all or
nothing.

Every line is checked first (each problem named by its line and column); while any line
is wrong nothing is stored. A good file is stored in one transaction with bulk inserts,
so 10,000 lines take seconds. `dry_run` checks without storing.

Columns (a header line names them; only `name` is needed, others may be left out):
name, kind (company | person), role (customer | supplier | both), vat_id, price_list (its
name), notes, contact_name, contact_email, contact_phone, contact_job_title, owner (a
person's user name; left empty, whoever imports owns the line, as on the customer page),
tags (words separated by "|", "," or ";"; new words make new tags, as on the edit page).
"""

import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from processes.catalog.models import PriceList
from processes.common.tables import ImportProblem, header_problems, read_table, too_long
from processes.common.tables import ImportResult as TableResult
from processes.crm.models import Contact, ContactChannel, Party
from processes.crm.services import tags_named

COLUMNS = [
    "name",
    "kind",
    "role",
    "vat_id",
    "price_list",
    "notes",
    "contact_name",
    "contact_email",
    "contact_phone",
    "contact_job_title",
    "owner",
    "tags",
]
TAG_SEPARATORS = re.compile(r"[|,;]")
ROLES = {"customer": (True, False), "supplier": (False, True), "both": (True, True)}
KINDS = {Party.Kind.COMPANY.value, Party.Kind.PERSON.value}
MAX_LINES = 50_000
BATCH = 1000


@dataclass
class ImportResult(TableResult):
    contacts: int = 0


def _tag_words(cell: str) -> list[str]:
    return [word for word in (" ".join(w.split()) for w in TAG_SEPARATORS.split(cell)) if word]


def check_parties(header: list[str], rows: list[dict], *, user=None) -> ImportResult:
    """Check every line; the result holds the lines as they would be stored, or problems.
    `user` owns the lines that name no owner."""
    result = ImportResult(problems=header_problems(header, columns=COLUMNS, needed=["name"]))
    if len(rows) > MAX_LINES:
        result.problems.append(
            ImportProblem(1, "", _("At most %(count)s lines at once.") % {"count": MAX_LINES})
        )
    if result.problems:
        return result
    price_lists = {p.name.lower(): p for p in PriceList.objects.filter(is_active=True)}
    named = {row.get("owner", "").lower() for row in rows} - {""}
    people = {
        person.username.lower(): person
        for person in get_user_model()
        .objects.annotate(key=Lower("username"))
        .filter(is_active=True, key__in=named)
    }
    importer = user if getattr(user, "pk", None) else None
    for number, row in enumerate(rows, start=2):
        problems = result.problems
        name = row.get("name", "")
        if not name:
            problems.append(ImportProblem(number, "name", _("A name is needed.")))
        elif len(name) > 200:
            problems.append(ImportProblem(number, "name", too_long(200)))
        kind = (row.get("kind") or "company").lower()
        if kind not in KINDS:
            message = _("“%(value)s” is not company or person.") % {"value": kind}
            problems.append(ImportProblem(number, "kind", message))
        role = (row.get("role") or "customer").lower()
        if role not in ROLES:
            message = _("“%(value)s” is not customer, supplier or both.") % {"value": role}
            problems.append(ImportProblem(number, "role", message))
        if len(row.get("vat_id", "")) > 50:
            problems.append(ImportProblem(number, "vat_id", too_long(50)))
        price_list = None
        if row.get("price_list"):
            price_list = price_lists.get(row["price_list"].lower())
            if price_list is None:
                message = _("No active price list is called “%(name)s”.") % {
                    "name": row["price_list"]
                }
                problems.append(ImportProblem(number, "price_list", message))
        email = row.get("contact_email", "")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                message = _("“%(value)s” is not an e-mail address.") % {"value": email}
                problems.append(ImportProblem(number, "contact_email", message))
        if (email or row.get("contact_phone")) and not row.get("contact_name"):
            message = _("Name the person this e-mail or phone reaches.")
            problems.append(ImportProblem(number, "contact_name", message))
        if len(row.get("contact_name", "")) > 200:
            problems.append(ImportProblem(number, "contact_name", too_long(200)))
        owner = importer
        if row.get("owner"):
            owner = people.get(row["owner"].lower())
            if owner is None:
                message = _("Nobody active has the user name “%(name)s”.") % {"name": row["owner"]}
                problems.append(ImportProblem(number, "owner", message))
        tags = _tag_words(row.get("tags", ""))
        if any(len(word) > 50 for word in tags):
            problems.append(ImportProblem(number, "tags", _("A tag has at most 50 characters.")))
        is_customer, is_supplier = ROLES.get(role, (True, False))
        result.rows.append(
            {
                "name": name,
                "kind": kind,
                "is_customer": is_customer,
                "is_supplier": is_supplier,
                "tax_id": row.get("vat_id", ""),
                "price_list": price_list,
                "notes": row.get("notes", ""),
                "contact_name": row.get("contact_name", ""),
                "contact_email": email,
                "contact_phone": row.get("contact_phone", ""),
                "contact_job_title": row.get("contact_job_title", "")[:100],
                "owner": owner,
                "tags": tags,
            }
        )
    return result


@transaction.atomic
def parties_import(*, content: bytes | str, dry_run: bool = False, user=None) -> ImportResult:
    """Check the CSV or XLSX file and, when every line is right and it is no dry run, store
    it all; `user` (who imports) owns the lines naming no owner. Raises UnreadableFile."""
    result = check_parties(*read_table(content), user=user)
    if not result.valid or dry_run:
        return result
    parties = Party.objects.bulk_create(
        [
            Party(
                name=row["name"],
                kind=row["kind"],
                is_customer=row["is_customer"],
                is_supplier=row["is_supplier"],
                tax_id=row["tax_id"],
                price_list=row["price_list"],
                notes=row["notes"],
                owner=row["owner"],
            )
            for row in result.rows
        ],
        batch_size=BATCH,
    )
    _tag(parties, result.rows)
    with_contact = [
        (party, row) for party, row in zip(parties, result.rows, strict=True) if row["contact_name"]
    ]
    contacts = Contact.objects.bulk_create(
        [
            Contact(party=party, name=row["contact_name"], job_title=row["contact_job_title"])
            for party, row in with_contact
        ],
        batch_size=BATCH,
    )
    channels = []
    for contact, (_party, row) in zip(contacts, with_contact, strict=True):
        if row["contact_email"]:
            channels.append(
                ContactChannel(
                    contact=contact,
                    kind=ContactChannel.Kind.EMAIL,
                    value=row["contact_email"],
                    is_primary=True,
                )
            )
        if row["contact_phone"]:
            channels.append(
                ContactChannel(
                    contact=contact,
                    kind=ContactChannel.Kind.PHONE,
                    value=row["contact_phone"],
                    is_primary=True,
                )
            )
    ContactChannel.objects.bulk_create(channels, batch_size=BATCH)
    result.created, result.contacts = len(parties), len(contacts)
    return result


def _tag(parties: list[Party], rows: list[dict]) -> None:
    words = {word for row in rows for word in row["tags"]}
    if not words:
        return
    tags = {tag.name.lower(): tag for tag in tags_named(sorted(words))}
    through = Party.tags.through
    links = {
        (party.pk, tags[word.lower()].pk)
        for party, row in zip(parties, rows, strict=True)
        for word in row["tags"]
    }
    through.objects.bulk_create(
        [through(party_id=party, tag_id=tag) for party, tag in sorted(links)], batch_size=BATCH
    )
