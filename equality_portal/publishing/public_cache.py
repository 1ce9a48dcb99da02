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

from .models import Publication

# Cached pages and files not asked for in a day are dropped.
CACHE_SECONDS = 24 * 60 * 60
# How long an app server trusts its fingerprint of a school's publications. Measured in
# benchmarks/REPORT.md: asking the database on every request halves the public page's throughput.
STATE_SECONDS = 5
COPIED_HEADERS = ("Content-Type", "Content-Disposition", "Cache-Control", "ETag")


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
        .values_list("school_id", "school__name", "pk", "published_at", "html_sha256", "pdf_sha256")
    )
    if not rows:
        return None
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def _is_personal(request) -> bool:
    return bool({settings.SESSION_COOKIE_NAME, CookieStorage.cookie_name} & set(request.COOKIES))


def public_response_cached(request, *, school_slug: str, render) -> HttpResponse:
    """``render()``'s response for this public URL, from the cache when the school's
    publications are as they were when it was cached."""
    if _is_personal(request):
        return render()
    state = public_state(school_slug=school_slug)
    if state is None:
        return render()  # its 404
    key = f"public:{state}:{request.path}"
    cached = cache.get(key)
    if cached is not None:
        content, headers = cached
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        return response
    response = render()
    if hasattr(response, "render"):
        response.render()
    if response.status_code == 200:
        headers = [(name, response[name]) for name in COPIED_HEADERS if name in response]
        cache.set(key, (response.content, headers), CACHE_SECONDS)
    return response


@receiver(post_save, sender=Publication, dispatch_uid="public_cache_publication_saved")
@receiver(post_save, sender=School, dispatch_uid="public_cache_school_saved")
def _forget_public_state(sender, instance, **kwargs) -> None:
    """This server shows a new publication, or a school's new name, at once."""
    school = instance if isinstance(instance, School) else instance.school
    cache.delete(_state_key(school.slug))
