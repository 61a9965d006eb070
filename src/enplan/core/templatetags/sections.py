from django import template

from enplan.core.sections import Section, collect

register = template.Library()


@register.simple_tag(takes_context=True)
def render_section(context, section: Section) -> str:
    """Render a contributed section within the page's context, as `{% include %}` would,
    with the section's own context on top."""
    section_template = context.template.engine.get_template(section.template)
    with context.push(**section.resolved_context()):
        return section_template.render(context)


@register.simple_tag(takes_context=True)
def collect_sections(context, hook: str) -> list[Section]:
    """The sections the apps contribute to a page that core owns (the login page's other
    logins), for `{% collect_sections "login_sections" as sections %}`."""
    return collect(hook, request=context.get("request"))
