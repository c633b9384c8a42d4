"""`{% fragment "name" a=... b=... %}...{% endfragment %}`: see caching/fragments.py."""

from django import template
from django.utils.safestring import mark_safe

from .. import fragments

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, name, values, nodelist):
        self.name = name
        self.values = values
        self.nodelist = nodelist

    def render(self, context):
        name = self.name.resolve(context)
        values = {k: v.resolve(context) for k, v in self.values.items()}
        cache_key = fragments.key(name, values)
        html = fragments.get(cache_key)
        if html is None:
            # Only the values in the key: the block cannot show anything else.
            html = self.nodelist.render(context.new(values))
            fragments.put(cache_key, html)
        return mark_safe(html)  # noqa: S308 (rendered by the template engine, escaped there)


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name and the values it shows")
    name = parser.compile_filter(bits[1])
    values = template.base.token_kwargs(bits[2:], parser, support_legacy=False)
    if len(values) != len(bits) - 2:
        raise template.TemplateSyntaxError("{% fragment %} takes its values as name=value")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(name, values, nodelist)
