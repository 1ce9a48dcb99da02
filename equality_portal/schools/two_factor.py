"""Two-factor sign-in (TOTP from an authenticator app, plus one-time recovery codes).

Required, when ``settings.TWO_FACTOR_REQUIRED`` is on, for anyone holding a role that can read
individual incident records at any school (``TWO_FACTOR_ROLES``). Built on django-otp.
"""

import base64

import segno
from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import AuditAction, Membership, User
from .roles import TWO_FACTOR_ROLES
from .services import audit_record

RECOVERY_CODE_COUNT = 10
AUTHENTICATOR_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"
WRONG_CODE = "That code is not right. Check the time on your phone and enter the newest code."


def user_requires_two_factor(user: User) -> bool:
    if not settings.TWO_FACTOR_REQUIRED or not user.is_authenticated:
        return False
    return Membership.objects.filter(user=user, role__in=TWO_FACTOR_ROLES).exists()


def user_has_two_factor(user: User) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def totp_device_pending(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator the user is setting up, made on first request."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


def totp_setup_details(device: TOTPDevice) -> dict:
    """What the set-up page shows: a QR code (inline SVG) and the key to type in by hand."""
    secret = base64.b32encode(device.bin_key).decode()
    qr = segno.make(device.config_url, error="m")
    return {
        "qr_svg": qr.svg_inline(
            scale=4,
            dark="#0b0c0c",
            light="#ffffff",
            title="QR code to scan with your authenticator app",
        ),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    }


def recovery_codes_renew(*, user: User) -> list[str]:
    """Replace the user's recovery codes with a fresh set; each works once."""
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(
            user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def totp_device_confirm(*, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm the authenticator if the code is right, returning new recovery codes."""
    if not device.verify_token(token.replace(" ", "")):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = recovery_codes_renew(user=device.user)
        audit_record(
            action=AuditAction.TWO_FACTOR_ENABLED,
            actor=device.user,
            detail=f"{device.user.email} set up an authenticator app",
        )
    return codes


def token_verify(*, user: User, token: str):
    """The device (authenticator or recovery codes) that accepts this code, or None."""
    token = token.replace(" ", "").strip()
    # for_verify locks the devices, so throttling counts every attempt.
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if device.verify_token(token):
                return device
    return None
