from django.utils.functional import SimpleLazyObject

from enplan.plans import notices


def notifications(request):
    """The unread count for the header, counted only when a page shows it."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: notices.unread_count(request.user))}
