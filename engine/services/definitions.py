"""Validate and deploy BPMN files and bundles as versioned process definitions."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import IntegrityError
from django.db.models import Max
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from engine.db.transactions import atomic
from engine.exceptions import Forbidden
from engine.models import Deployment, ProcessDefinition
from engine.parsing.bundle import read_upload
from engine.parsing.compile import CompiledBundle, compile_bundle
from engine.parsing.errors import DeploymentInvalid, Problem
from engine.runtime.specs import specs_for, start_message_names
from engine.types import User

from .callees import with_deployed_callees
from .decision_sources import with_deployed_decisions
from .permissions import can_deploy
from .start_timers import schedule_start_timers

# A deployment comment says what changed in a few sentences, not a changelog.
COMMENT_MAX = 2000


@dataclass
class ValidationReport:
    valid: bool
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    processes: list[str] = field(default_factory=list)
    # Per process key found: its name and the hash its content would deploy with.
    names: dict[str, str] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)


@dataclass
class DeployResult:
    definitions: list[ProcessDefinition]
    created: list[bool]

    @property
    def any_created(self) -> bool:
        return any(self.created)


def compile_upload(file_name: str, content: bytes) -> CompiledBundle:
    """An upload (with the deployed processes it calls) checked and compiled; raises
    DeploymentInvalid."""
    files, imported, problems, notes = with_deployed_callees(read_upload(file_name, content))
    if problems:
        raise DeploymentInvalid(problems)
    files, decision_files, decision_notes = with_deployed_decisions(files)
    return compile_bundle(
        files, imported=frozenset(imported | decision_files), notes=(*notes, *decision_notes)
    )


def definition_validate(*, file_name: str, content: bytes) -> ValidationReport:
    """Check an upload completely and deploy nothing."""
    try:
        bundle = compile_upload(file_name, content)
    except DeploymentInvalid as exc:
        return ValidationReport(valid=False, errors=exc.problems)
    return ValidationReport(
        valid=True,
        warnings=bundle.warnings,
        processes=[p.key for p in bundle.processes],
        names={p.key: p.name for p in bundle.processes},
        hashes={p.key: p.content_hash for p in bundle.processes},
    )


def clean_comment(comment: object) -> str:
    """The deployment comment, trimmed; DeploymentInvalid when it is not text or too long."""
    if comment is None:
        return ""
    if not isinstance(comment, str):
        raise DeploymentInvalid([Problem(_("The deployment comment must be text."))])
    comment = comment.strip()
    if len(comment) > COMMENT_MAX:
        raise DeploymentInvalid(
            [
                Problem(
                    _(
                        "The deployment comment is %(count)s characters long; at most "
                        "%(limit)s are kept."
                    )
                    % {
                        "count": number_format(len(comment), force_grouping=True),
                        "limit": number_format(COMMENT_MAX, force_grouping=True),
                    }
                )
            ]
        )
    return comment


def definition_deploy(
    *,
    file_name: str,
    content: bytes,
    user: User | None,
    check_role: bool = True,
    comment: str = "",
) -> DeployResult:
    """Deploy every executable process of an upload.

    Identical content keeps the existing version of a process; changed content makes the
    next version, with the deployer's comment (what changed and why). Raises
    DeploymentInvalid (nothing stored) or Forbidden.
    """
    if check_role and not can_deploy(user):
        raise Forbidden(_("Deploying needs the process-owners group."))
    comment = clean_comment(comment)
    bundle = compile_upload(file_name, content)
    for attempt in range(3):
        try:
            return _store(bundle, file_name, user, comment)
        except IntegrityError:
            # Two deployments of one key raced for the same version number; take the next.
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


@atomic
def _store(bundle: CompiledBundle, file_name: str, user: User | None, comment: str) -> DeployResult:
    deployment = None
    definitions, created = [], []
    for process in bundle.processes:
        latest = ProcessDefinition.objects.filter(key=process.key).order_by("-version").first()
        if latest is not None and latest.content_hash == process.content_hash:
            definitions.append(latest)
            created.append(False)
            continue
        if deployment is None:
            deployment = Deployment.objects.create(
                file_name=file_name,
                content_hash=bundle.content_hash,
                files=bundle.files,
                deployed_by=user if getattr(user, "pk", None) else None,
                comment=comment,
            )
        version = (
            ProcessDefinition.objects.filter(key=process.key).aggregate(v=Max("version"))["v"] or 0
        ) + 1
        definition = ProcessDefinition.objects.create(
            key=process.key,
            version=version,
            name=process.name,
            content_hash=process.content_hash,
            deployment=deployment,
            source_file=process.file,
            elements=process.elements,
            forms=process.forms,
            deployed_by=deployment.deployed_by,
        )
        spec, _subprocess_specs = specs_for(definition)
        definition.start_messages = start_message_names(spec)
        definition.save(update_fields=["start_messages"])
        schedule_start_timers(definition)
        definitions.append(definition)
        created.append(True)
    return DeployResult(definitions, created)
