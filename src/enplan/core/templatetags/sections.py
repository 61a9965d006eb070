from django import template

from enplan.core.sections import Section

register = template.Library()


@register.simple_tag(takes_context=True)
def render_section(context, section: Section) -> str:
    """Render a contributed section within the page's context, as `{% include %}` would,
    with the section's own context on top."""
    section_template = context.template.engine.get_template(section.template)
    with context.push(**section.resolved_context()):
        return section_template.render(context)
