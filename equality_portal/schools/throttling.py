"""Who is asking, and how often: the client's address and rate limits on sign-in and reset.

The client's address comes from ``REMOTE_ADDR``, or, behind ``settings.TRUSTED_PROXY_COUNT``
proxies, from the ``X-Forwarded-For`` entry the outermost trusted proxy appended. Entries to
its left are whatever the client sent, so they are never used.

Counters live in the ``rate_limits`` cache, a table in the shared database, so every app
server counts the same attempts. Each counter is a fixed window that starts at its first hit.
"""

import hashlib
import ipaddress
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches

RATE_LIMIT_CACHE = "rate_limits"


def client_address(request) -> str:
    """The address of the client, never one the client could choose.

    With N trusted proxies each appending to X-Forwarded-For, the client's address is the Nth
    entry from the right. When the header has fewer entries (not set by our proxies) or the
    entry is not an address, the connecting address is used: all such requests share one key,
    which errs towards locking out rather than towards unlimited guessing.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    entries = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if len(entries) < count:
        return remote
    candidate = entries[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


@dataclass(frozen=True)
class RateLimit:
    """At most ``limit`` hits per ``window`` seconds for one key in one scope."""

    scope: str
    limit: int
    window: int

    def _key(self, value: str) -> str:
        digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()
        return f"rate:{self.scope}:{digest}"

    def exceeded(self, value: str) -> bool:
        """Whether this key has used up its hits in the current window."""
        return (caches[RATE_LIMIT_CACHE].get(self._key(value)) or 0) >= self.limit

    def hit(self, value: str) -> None:
        """Count one hit against this key."""
        cache = caches[RATE_LIMIT_CACHE]
        key = self._key(value)
        if not cache.add(key, 1, self.window):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, self.window)


# Failed sign-ins. django-axes locks one account from one address after AXES_FAILURE_LIMIT;
# these bound guessing at one account from many addresses, and at many accounts from one.
SIGN_IN_PER_ACCOUNT = RateLimit("sign-in-account", limit=20, window=15 * 60)
SIGN_IN_PER_ADDRESS = RateLimit("sign-in-address", limit=30, window=15 * 60)
# Password-reset emails.
RESET_PER_ACCOUNT = RateLimit("reset-account", limit=3, window=60 * 60)
RESET_PER_ADDRESS = RateLimit("reset-address", limit=10, window=60 * 60)

TOO_MANY_SIGN_INS = (
    "There have been too many failed attempts to sign in to this account or from this "
    "network. Wait 15 minutes and try again, or reset your password."
)
