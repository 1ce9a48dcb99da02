"""Walk the URLconf: every named page except the Django admin, with its route and converters.

Shared by the tests that must cover every page, so a page added later is covered (or fails
until someone decides who may see it) without anyone remembering to add it to a list.
"""

from collections.abc import Callable, Iterator
from typing import NamedTuple

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter, PathConverter, SlugConverter, StringConverter

from equality_portal.core.academic_year import AcademicYearConverter
from equality_portal.core.periods import PeriodConverter

# Values that satisfy each converter, for tests that need any well-formed address.
SAMPLE_VALUES = {
    IntConverter: "1",
    SlugConverter: "carrington-test",
    StringConverter: "sample",
    PathConverter: "sample/path",
    AcademicYearConverter: "2024-25",
    PeriodConverter: "2024-25",
}
CONVERTER_PREFIXES = ("int", "slug", "str", "path", "academic_year", "period")
# Addresses that name a file to download rather than a page.
DOWNLOAD_SUFFIXES = (".pdf", ".csv", ".json")


class Route(NamedTuple):
    name: str  # "namespace:url_name"
    route: str  # "schools/<slug:school_slug>/..."
    converters: dict  # kwarg -> converter instance

    @property
    def is_download(self) -> bool:
        return self.route.endswith(DOWNLOAD_SUFFIXES)

    def fill(self, value_for: Callable[[str, object], str] | None = None) -> str:
        """The address with each ``<converter:kwarg>`` replaced by ``value_for(kwarg,
        converter)``, or by the converter's sample value when no function is given."""
        url = self.route
        for kwarg, converter in self.converters.items():
            if value_for is not None:
                value = value_for(kwarg, converter)
            else:
                value = SAMPLE_VALUES.get(type(converter))
                assert value is not None, f"Add a sample value for {type(converter).__name__}"
            url = url.replace(f"<{kwarg}>", str(value))
            for prefix in CONVERTER_PREFIXES:
                url = url.replace(f"<{prefix}:{kwarg}>", str(value))
        assert "<" not in url, f"Could not fill in {self.route}"
        return "/" + url


def _walk(patterns, prefix="", namespace=None, converters=None) -> Iterator[Route]:
    for pattern in patterns:
        found = {**(converters or {}), **getattr(pattern.pattern, "converters", {})}
        if isinstance(pattern, URLResolver):
            # The Django admin enforces its own staff sign-in (tests/test_url_access.py).
            if pattern.namespace == "admin":
                continue
            inner = ":".join(filter(None, [namespace, pattern.namespace])) or None
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner, found)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield Route(name, prefix + str(pattern.pattern), found)


def site_routes() -> list[Route]:
    """Every named route of the site except the admin's, sorted by name."""
    return sorted(_walk(get_resolver().url_patterns))
