"""What the import endpoints take and answer (POST /api/parties/import/,
POST /api/products/import/): a file or the text, `dry_run`; 400 naming every problem."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rest_framework import serializers, status
from rest_framework.response import Response

from processes.common.tables import ImportResult, UnreadableFile


class ImportSerializer(serializers.Serializer):
    file = serializers.FileField(required=False)
    csv = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    dry_run = serializers.BooleanField(default=False)

    def validate(self, attrs):
        if not attrs.get("file") and not attrs.get("csv"):
            raise serializers.ValidationError(
                {"file": [_("Send a CSV or XLSX file, or the CSV as text.")]}
            )
        return attrs


def problems_answer(result: ImportResult) -> Response:
    body = {
        "detail": ngettext(
            "Nothing is imported: %(count)s problem.",
            "Nothing is imported: %(count)s problems.",
            len(result.problems),
        )
        % {"count": len(result.problems)},
        "errors": [problem.as_dict() for problem in result.problems],
    }
    return Response(body, status=status.HTTP_400_BAD_REQUEST)


def import_answer(request, run, done) -> Response:
    """Read the request, call `run(content=, dry_run=)`; 400 with the problems, 200 for a
    good dry run, else 201 with `done(result)`."""
    data = ImportSerializer(data=request.data)
    data.is_valid(raise_exception=True)
    upload = data.validated_data.get("file")
    content = upload.read() if upload else data.validated_data.get("csv", "")
    dry_run = data.validated_data["dry_run"]
    try:
        result = run(content=content, dry_run=dry_run)
    except UnreadableFile as error:
        message = str(error)
        return Response(
            {"detail": message, "errors": [{"line": 1, "column": "", "message": message}]},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if not result.valid:
        return problems_answer(result)
    if dry_run:
        return Response({"valid": True, "lines": len(result.rows), "dry_run": True})
    return Response({**done(result), "dry_run": False}, status=status.HTTP_201_CREATED)
