"""What an appendix may be: a PDF, a Word (.docx) or an OpenDocument text (.odt) file of up to
ATTACHMENT_MAX_MB megabytes, recognised by its content as well as its name."""

import io
import re
import zipfile

from django.core.exceptions import ValidationError

ATTACHMENT_MAX_MB = 10
ATTACHMENT_MAX_BYTES = ATTACHMENT_MAX_MB * 1024 * 1024

CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
}
WRONG_TYPE = (
    "Attach a PDF, a Word document (.docx) or an OpenDocument text (.odt) of up to "
    f"{ATTACHMENT_MAX_MB} MB."
)
TOO_LARGE = f"The file is {{size}} MB; an appendix may be up to {ATTACHMENT_MAX_MB} MB."


def _zip_names(content: bytes) -> set[str]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return set(archive.namelist())
    except zipfile.BadZipFile:
        return set()


def _is(extension: str, content: bytes) -> bool:
    if extension == ".pdf":
        return content.startswith(b"%PDF-")
    names = _zip_names(content) if content.startswith(b"PK\x03\x04") else set()
    if extension == ".docx":
        return "word/document.xml" in names
    return (
        content[30:38] == b"mimetype"
        and b"application/vnd.oasis.opendocument.text" in (content[38:100])
    )


def attachment_check(*, file_name: str, content: bytes) -> tuple[str, str]:
    """The safe file name and the content type of an allowed appendix, or a ValidationError
    naming what is allowed and the limit."""
    if len(content) > ATTACHMENT_MAX_BYTES:
        raise ValidationError(TOO_LARGE.format(size=f"{len(content) / 1024 / 1024:.1f}"))
    match = re.search(r"(\.[A-Za-z]+)$", file_name or "")
    extension = match.group(1).lower() if match else ""
    if extension not in CONTENT_TYPES or not _is(extension, content):
        raise ValidationError(WRONG_TYPE)
    stem = re.sub(r"[^A-Za-z0-9]+", "-", file_name[: -len(extension)]).strip("-").lower()
    return f"{stem or 'appendix'}{extension}", CONTENT_TYPES[extension]
