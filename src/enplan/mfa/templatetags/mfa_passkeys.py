from django import template
from django_otp_webauthn.templatetags.otp_webauthn import get_configuration

register = template.Library()


@register.simple_tag(takes_context=True)
def passkey_configuration(context) -> dict:
    """What django-otp-webauthn's scripts read: its endpoints and the CSRF token."""
    return get_configuration(context["request"])
