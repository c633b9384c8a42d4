"""Evidence files are only ever served through this view, never straight from MEDIA_ROOT."""

from pathlib import PurePosixPath

from django.http import FileResponse, Http404

from .models import Evidence
from .permissions import is_staff
from .uploads import CONTENT_TYPES


def evidence_download(request, pk):
    """Send an evidence file as an attachment.

    Internal evidence answers 404 (not 403) to anyone but signed-in staff, so
    guessing numbers reveals nothing about what exists.
    """
    evidence = Evidence.objects.exclude(file="").filter(pk=pk).first()
    if evidence is None or not (evidence.is_public or is_staff(request.user)):
        raise Http404("No such evidence.")
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing.") from None
    stored = PurePosixPath(evidence.file.name)
    name = evidence.original_filename or stored.name
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=name,
        content_type=CONTENT_TYPES.get(stored.suffix.lower(), "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    if not evidence.is_public:
        response["Cache-Control"] = "private, no-store"
    return response
