"""Deploy every diagram of processes/bpmn/ (BPMN + DMN, forms from forms/) as one bundle."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from engine.parsing.archive import zip_files
from engine.parsing.bundle import is_bpmn, is_dmn
from engine.parsing.errors import DeploymentInvalid
from engine.services.definitions import definition_deploy


class Command(BaseCommand):
    help = "Validate and deploy the diagrams in processes/bpmn/; unchanged ones keep their version."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("folder", nargs="?", default=None, help="default: processes/bpmn/")

    def handle(self, *args: Any, folder: str | None = None, **options: Any) -> None:
        root = Path(folder or settings.HYPERCRM["BPMN_DIR"])
        paths = sorted(
            p for p in root.rglob("*") if p.is_file() and (is_bpmn(p.name) or is_dmn(p.name))
        )
        if not paths:
            self.stdout.write(f"No BPMN or DMN files in {root}; nothing to deploy.")
            return
        self.stdout.write(f"Deploying {len(paths)} file(s) from {root}…")
        files = {str(p.relative_to(root)): p.read_bytes() for p in paths}
        try:
            result = definition_deploy(
                file_name=root.name or "processes",
                content=zip_files(files),
                user=None,
                check_role=False,
            )
        except DeploymentInvalid as exc:
            lines = [
                f"  {p.file}:{p.line or '?'} {p.element_id or ''} {p.message}" for p in exc.problems
            ]
            raise CommandError("The diagrams are not valid:\n" + "\n".join(lines))
        for definition, created in zip(result.definitions, result.created, strict=True):
            state = "deployed as" if created else "unchanged at"
            self.stdout.write(f"  {definition.key}: {state} version {definition.version}")
