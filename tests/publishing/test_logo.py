"""The school's logo: leadership upload it (PNG or JPEG, at most 1 MB, checked by content); the
public page shows it from a stable, cacheable address and the PDF's cover carries it."""

import io
import struct
import zlib
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from equality_portal.schools.models import LOGO_MAX_BYTES

from .test_pdf import pdfua_problems


def tiny_png(width: int = 4, height: int = 2) -> bytes:
    """A real (if tiny) PNG, made by hand so the tests need no imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x1d\x4f\x5c" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def details(school, **extra):
    return {
        "name": school.name,
        "phase": school.phase,
        "nation": school.nation,
        "approving_body": school.approving_body,
        "suppression_threshold": str(school.suppression_threshold),
        "incident_retention_years": str(school.incident_retention_years),
        **extra,
    }


def upload(client, school, content: bytes, name: str = "logo.png"):
    return client.post(
        reverse("schools:school_edit", kwargs={"school_slug": school.slug}),
        details(school, logo=SimpleUploadedFile(name, content)),
    )


def test_leadership_upload_a_logo_shown_on_the_public_page(
    leadership_client, anonymous_client, school, draft, publish
):
    response = upload(leadership_client, school, tiny_png())
    assert response.status_code == HTTPStatus.FOUND
    school.refresh_from_db()
    assert school.logo_content_type == "image/png"
    assert bytes(school.logo) == tiny_png()
    publish(draft)

    page = anonymous_client.get(f"/equality/{school.slug}/").content.decode()
    assert f'src="{school.logo_url}" alt="{school.name} logo"' in page
    assert school.logo_url == f"/equality/{school.slug}/logo/{school.logo_sha256}.png"


def test_the_public_logo_address_works_signed_out(leadership_client, anonymous_client, school):
    upload(leadership_client, school, tiny_png())
    school.refresh_from_db()
    response = anonymous_client.get(school.logo_url)
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "max-age=31536000" in response["Cache-Control"]
    assert response.content == tiny_png()
    # An old or made-up hash, or the wrong extension, is not found.
    wrong = school.logo_url.replace(".png", ".jpg")
    assert anonymous_client.get(wrong).status_code == HTTPStatus.NOT_FOUND
    stale = f"/equality/{school.slug}/logo/{'0' * 64}.png"
    assert anonymous_client.get(stale).status_code == HTTPStatus.NOT_FOUND


def test_the_pdf_cover_carries_the_logo(leadership_client, school, draft, publish, tmp_path):
    upload(leadership_client, school, tiny_png())
    school.refresh_from_db()  # the draft's school, as a fresh request would load it
    publication = publish(draft)
    assert publication.data["school"]["logo"]["content_type"] == "image/png"
    assert "iVBOR" not in str(publication.data)  # the frozen statement holds no image data
    cover = PdfReader(io.BytesIO(bytes(publication.pdf))).pages[0]
    objects = cover["/Resources"].get("/XObject", {})
    images = [key for key, value in objects.items() if value.get_object()["/Subtype"] == "/Image"]
    assert images
    assert pdfua_problems(bytes(publication.pdf), tmp_path) == []


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "logo.svg"),
        (b"GIF89a" + b"\x00" * 20, "logo.gif"),
        (b"%PDF-1.7 not a picture", "logo.png"),  # the content decides, not the name
    ],
)
def test_a_logo_that_is_not_png_or_jpeg_is_refused(leadership_client, school, content, name):
    response = upload(leadership_client, school, content, name)
    assert response.status_code == HTTPStatus.OK
    assert "The logo must be a PNG or JPEG image." in response.content.decode()
    school.refresh_from_db()
    assert not school.logo_sha256


def test_a_logo_over_the_limit_is_refused_naming_it(leadership_client, school):
    content = tiny_png() + b"\x00" * LOGO_MAX_BYTES
    response = upload(leadership_client, school, content)
    assert response.status_code == HTTPStatus.OK
    assert "The logo can be at most 1 MB." in response.content.decode()
    school.refresh_from_db()
    assert not school.logo_sha256


def test_another_schools_member_cannot_upload_a_logo(school, outsider, make_member):
    from django.test import Client

    client = Client(raise_request_exception=False)
    client.force_login(outsider.user)
    response = upload(client, school, tiny_png())
    assert response.status_code == HTTPStatus.NOT_FOUND
    governor = make_member("governor")
    client.force_login(governor.user)
    assert upload(client, school, tiny_png()).status_code == HTTPStatus.FORBIDDEN
    school.refresh_from_db()
    assert not school.logo_sha256


def test_leadership_remove_the_logo(leadership_client, school):
    upload(leadership_client, school, tiny_png())
    leadership_client.post(
        reverse("schools:school_edit", kwargs={"school_slug": school.slug}),
        details(school, remove_logo="on"),
    )
    school.refresh_from_db()
    assert not school.logo_sha256
    assert school.logo is None
