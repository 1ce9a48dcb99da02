"""Appendices: PDF, DOCX or ODT documents within a size limit, kept in the database and
published beside the statement at stable addresses; anything else is refused, naming the limit."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from equality_portal.publishing import services
from equality_portal.publishing.attachments import ATTACHMENT_MAX_BYTES

PDF = b"%PDF-1.7\n% an accessibility plan\n%%EOF\n"


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


DOCX = _docx()


def test_an_appendix_is_published_beside_the_statement(
    draft, publish, leadership_client, client, school
):
    url = f"/schools/{school.slug}/statement/{draft.year}/appendices/"
    response = leadership_client.post(
        url,
        {
            "title": "Accessibility plan 2024-2027",
            "file": SimpleUploadedFile("Access Plan.pdf", PDF, "application/pdf"),
        },
    )
    assert response.status_code == 302
    services.statement_attachment_add(
        draft=draft, by=None, title="Equality policy", file_name="policy.docx", content=DOCX
    )
    publication = publish(draft)
    base = f"/equality/{school.slug}/{publication.year}/"
    page = client.get(base).content.decode()
    assert f'href="{base}appendices/1/access-plan.pdf"' in page
    assert "Accessibility plan 2024-2027" in page
    download = client.get(f"{base}appendices/1/access-plan.pdf")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download.content == PDF
    word = client.get(f"{base}appendices/2/policy.docx")
    assert word.content == DOCX
    assert word["Content-Disposition"].startswith("attachment")
    assert client.get(f"{base}appendices/2/other.docx").status_code == 404
    assert client.get(f"{base}appendices/9/policy.docx").status_code == 404
    # Removing it from the draft leaves the published statement's appendix where it was.
    services.statement_attachment_remove(attachment=draft.attachments.first(), by=None)
    assert client.get(f"{base}appendices/1/access-plan.pdf").content == PDF


def test_a_file_of_the_wrong_type_is_refused_naming_what_is_allowed(
    leadership_client, school, year
):
    url = f"/schools/{school.slug}/statement/{year}/appendices/"
    for name, content in [
        ("plan.exe", b"MZ..."),
        ("plan.pdf", b"<html>not a pdf</html>"),
        ("plan.docx", b"PK\x03\x04 not really"),
    ]:
        response = leadership_client.post(
            url, {"title": "Plan", "file": SimpleUploadedFile(name, content)}
        )
        assert response.status_code == 200
        assert (
            "Attach a PDF, a Word document (.docx) or an OpenDocument text (.odt) of up to 10 MB"
            in (response.content.decode())
        )


def test_a_file_over_the_limit_is_refused_naming_the_limit(leadership_client, school, year):
    url = f"/schools/{school.slug}/statement/{year}/appendices/"
    big = PDF + b"0" * ATTACHMENT_MAX_BYTES
    response = leadership_client.post(
        url, {"title": "Plan", "file": SimpleUploadedFile("plan.pdf", big)}
    )
    assert response.status_code == 200
    assert "an appendix may be up to 10 MB" in response.content.decode()
