"""The public statement pages and files, served from the cache while nothing they show changed.

A publication never changes once saved, so a public page only changes when the school publishes
again (or renames itself). One small query fingerprints that state, and the rendered page or
file is cached under the fingerprint. Each app server trusts its fingerprint for STATE_SECONDS,
so a busy public page costs no query at all; the server that saves a publication or school
forgets it at once, and the others serve the new publication within STATE_SECONDS, well inside
the five minutes the pages already allow browsers and proxies to keep them. Pages for signed-in
visitors (whose header names them) and for visitors with a message waiting are never cached.
"""

import hashlib

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.http import HttpResponse

from equality_portal.schools.models import School

from .models import Publication, TrustPublication

# Cached pages and files not asked for in a day are dropped.
CACHE_SECONDS = 24 * 60 * 60
# How long an app server trusts its fingerprint of a school's publications. Measured in
# benchmarks/REPORT.md: asking the database on every request halves the public page's throughput.
STATE_SECONDS = 5
PUBLIC_PREFIX = "/equality/"
CONTENT_LENGTH = "Content-Length"


def public_state(*, school_slug: str) -> str | None:
    """A fingerprint of everything the school's public pages show, or None when it has
    published nothing: its name and the identity of every publication, in one query."""
    key = _state_key(school_slug)
    state = cache.get(key)
    if state is None:
        state = _public_state(school_slug=school_slug) or ""
        cache.set(key, state, STATE_SECONDS)
    return state or None


def _state_key(school_slug: str) -> str:
    return f"public-state:{school_slug}"


def _public_state(*, school_slug: str) -> str | None:
    rows = list(
        Publication.objects.filter(school__slug=school_slug)
        .order_by("pk")
        .values_list(
            "school_id",
            "school__name",
            "pk",
            "published_at",
            "html_sha256",
            "pdf_sha256",
            "school__trust_id",
        )
    )
    if not rows:
        return None
    # An academy's page links to its trust's statement once the trust has published one.
    trust_id = rows[0][-1]
    trust_rows = (
        list(
            TrustPublication.objects.filter(trust_id=trust_id)
            .order_by("pk")
            .values_list("trust__name", "trust__slug", "pk")
        )
        if trust_id is not None
        else []
    )
    return hashlib.sha256(repr((rows, trust_rows)).encode()).hexdigest()


def _is_personal(request) -> bool:
    return bool({settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name} & set(request.COOKIES))


def _public_school_slug(request) -> str | None:
    """The school slug of a GET for a public statement page or file, unless the visitor is
    signed in (their pages name them) or has a message waiting."""
    if request.method != "GET" or not request.path.startswith(PUBLIC_PREFIX):
        return None
    if _is_personal(request):
        return None
    slug = request.path[len(PUBLIC_PREFIX) :].split("/", 1)[0]
    return slug or None


def _cached_response(content: bytes, headers: list[tuple[str, str]]) -> HttpResponse:
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    response[CONTENT_LENGTH] = str(len(content))
    return response


class PublicCacheMiddleware:
    """Answers a repeat request for a public statement page or file from the cache, before the
    session, authentication, CSRF, CSP and lockout middleware run: what they add is part of the
    cached response, made by the full stack the first time. Placed just inside
    SecurityMiddleware and WhiteNoise, which still wrap every answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        slug = _public_school_slug(request)
        state = public_state(school_slug=slug) if slug else None
        if state is None:
            return self.get_response(request)  # not public, personal, or nothing published
        # get_host() refuses a Host outside ALLOWED_HOSTS (400), as the full stack would; the
        # host is part of the key, so a page is only ever served to the host it was made for.
        key = f"public:{state}:{request.get_host()}:{request.get_full_path()}"
        cached = cache.get(key)
        if cached is not None:
            return _cached_response(*cached)
        response = self.get_response(request)
        if response.status_code == 200 and not response.cookies and not response.streaming:
            headers = [
                (name, value) for name, value in response.items() if name != "Content-Length"
            ]
            cache.set(key, (response.content, headers), CACHE_SECONDS)
        return response


@receiver(post_save, sender=Publication, dispatch_uid="public_cache_publication_saved")
@receiver(post_save, sender=School, dispatch_uid="public_cache_school_saved")
def _forget_public_state(sender, instance, **kwargs) -> None:
    """This server shows a new publication, or a school's new name, at once."""
    school = instance if isinstance(instance, School) else instance.school
    cache.delete(_state_key(school.slug))


@receiver(post_save, sender=TrustPublication, dispatch_uid="public_cache_trust_publication_saved")
def _forget_academies_public_state(sender, instance, **kwargs) -> None:
    """Each academy's page links to the trust's new statement at once on this server."""
    for slug in School.objects.filter(trust_id=instance.trust_id).values_list("slug", flat=True):
        cache.delete(_state_key(slug))
