from django import template

register = template.Library()


@register.filter
def indicator_name(key: str, indicators: dict | None) -> str:
    """An indicator's name in the municipality's words; its key only where no name is
    known (a version that names an indicator since removed)."""
    indicator = (indicators or {}).get(key)
    return indicator.name if indicator else key
