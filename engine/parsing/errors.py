from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in a deployment, as the API reports it."""

    message: str
    file: str = ""
    element_id: str = ""
    line: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class DeploymentInvalid(Exception):
    """A deployment was refused; `problems` says what is wrong, file by file."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems[:3]))
