"""The API's JSON parser: DRF's, with a bound on nesting.

Python's JSON decoder recurses once per level, so a body nested 100,000
deep raises RecursionError, which is not the ValueError DRF turns into a 400;
and a body just under the interpreter's limit would parse and then exhaust
it in whatever walks the data next. No request of this API nests more than
a few levels, so anything deeper than MAX_DEPTH is refused as malformed.
"""

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

MAX_DEPTH = 32


def depth_of(data):
    """How deeply lists and objects nest in `data`, counted without
    recursion."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = list(value.values())
        elif not isinstance(value, list):
            continue
        deepest = max(deepest, depth)
        if depth > MAX_DEPTH:
            return depth
        stack.extend((item, depth + 1) for item in value)
    return deepest


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("The JSON body nests too deeply.")) from None
        if depth_of(data) > MAX_DEPTH:
            raise ParseError(_("The JSON body nests too deeply."))
        return data
