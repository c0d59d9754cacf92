"""The data-model diagram in docs/architecture.md, drawn from the models.

`render_model_diagram()` reads the models of gentrack's own apps from Django's
app registry and returns a Mermaid `erDiagram`; the helpers below find that
diagram in the guide, compare it and write it back. A test compares the guide
with a fresh rendering, so the picture cannot drift from the code.

    python -m gentrack.diagram           # print the diagram
    python -m gentrack.diagram --write   # rewrite it in docs/architecture.md (make diagram)
"""

import difflib
import os
import sys
from pathlib import Path

APPS = ("coalitions", "commitments", "reporting")
GUIDE = Path(__file__).resolve().parents[1] / "docs" / "architecture.md"
START_MARKER = "<!-- model-diagram:start -->"
END_MARKER = "<!-- model-diagram:end -->"
FENCE_OPEN = "```mermaid"
FENCE_CLOSE = "```"

# Crow's-foot notation, read from the model holding the field to its target:
# many (or, for one-to-one, at most one) of these point at exactly one of those.
CARDINALITY = {
    "ForeignKey": "}o--||",
    "OneToOneField": "|o--||",
    "ManyToManyField": "}o--o{",
}


def _drawn_models():
    """The models the diagram shows: concrete, managed, non-proxy models of
    APPS, without simple_history's Historical* twins (auto-created
    many-to-many tables are already left out by get_models())."""
    from django.apps import apps
    from simple_history.models import HistoricalChanges

    models = []
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            meta = model._meta
            if issubclass(model, HistoricalChanges) or meta.proxy or not meta.managed:
                continue
            models.append(model)
    return sorted(models, key=lambda model: (model._meta.app_label, model.__name__))


def _short_type(field):
    name = type(field).__name__
    return name.removesuffix("Field") or name


def _keys(field):
    keys = []
    if field.primary_key:
        keys.append("PK")
    if field.is_relation:
        keys.append("FK")
    if field.unique and not field.primary_key:
        keys.append("UK")
    return ", ".join(keys)


def _attribute(field, translated=()):
    line = f"{_short_type(field)} {field.name}"
    keys = _keys(field)
    line = f"{line} {keys}" if keys else line
    # One column per language stands beside a translated field
    # (coalitions/translation.py): drawn once, with a note, not six times.
    return f'{line} "in every language"' if field.name in translated else line


def _translated_names(model):
    """The fields that django-modeltranslation stores per language."""
    return {field.translated_field.name for field in model._meta.concrete_fields if hasattr(field, "translated_field")}


def render_model_diagram() -> str:
    """The Mermaid erDiagram of the models of APPS: one entity per model with
    its concrete fields, then one line per relation, sorted by app and model
    name so that the output only changes when the models do."""
    models = _drawn_models()
    entities = []
    relationships = []
    names = {}  # entity name -> label, to prove names are unambiguous

    def claim(model):
        name, label = model.__name__, model._meta.label
        if names.setdefault(name, label) != label:
            raise ValueError(
                f"two models are called {name} ({names[name]} and {label}): the diagram needs unique names"
            )
        return name

    for model in models:
        name = claim(model)
        lines = [f"    {name} {{"]
        translated = _translated_names(model)
        lines += [
            f"        {_attribute(field, translated)}"
            for field in model._meta.concrete_fields
            if not hasattr(field, "translated_field")
        ]
        lines.append("    }")
        entities.append("\n".join(lines))
        relations = [field for field in model._meta.local_fields if field.is_relation]
        relations += list(model._meta.local_many_to_many)
        for field in relations:
            kind = next(cls.__name__ for cls in type(field).__mro__ if cls.__name__ in CARDINALITY)
            target = claim(field.related_model)
            relationships.append(f"    {name} {CARDINALITY[kind]} {target} : {field.name}")

    return "\n".join(["erDiagram", *entities, *relationships])


def _block_bounds(text):
    """Where the diagram starts and ends in `text`: the offsets just after the
    start marker's line and at the start of the end marker's line."""
    start = text.find(START_MARKER)
    end = text.find(END_MARKER)
    if start == -1 or end == -1 or end < start:
        raise ValueError(f"the guide needs the lines {START_MARKER} and {END_MARKER}, in that order")
    after_start = text.find("\n", start)
    return after_start + 1, text.rfind("\n", 0, end) + 1


def extract_diagram(text: str) -> str:
    """The diagram written between the markers in `text`, without its
    ```mermaid fence."""
    begin, end = _block_bounds(text)
    lines = text[begin:end].strip("\n").splitlines()
    if lines and lines[0].strip() == FENCE_OPEN:
        lines = lines[1:]
    if lines and lines[-1].strip() == FENCE_CLOSE:
        lines = lines[:-1]
    return "\n".join(lines)


def replace_diagram(text: str, diagram: str) -> str:
    """`text` with the part between the markers replaced by `diagram`, fenced."""
    begin, end = _block_bounds(text)
    return f"{text[:begin]}{FENCE_OPEN}\n{diagram}\n{FENCE_CLOSE}\n{text[end:]}"


def diagram_differences(documented: str, rendered: str) -> str:
    """A unified diff from the documented diagram to the rendered one; empty
    when they agree (trailing spaces and blank edges aside)."""

    def lines(diagram):
        return [line.rstrip() for line in diagram.strip("\n").splitlines()]

    return "\n".join(
        difflib.unified_diff(lines(documented), lines(rendered), "docs/architecture.md", "the models", lineterm="")
    )


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv not in ([], ["--write"]):
        print("usage: python -m gentrack.diagram [--write]", file=sys.stderr)
        return 2
    diagram = render_model_diagram()
    if not argv:
        print(diagram)
        return 0
    text = GUIDE.read_text(encoding="utf-8")
    updated = replace_diagram(text, diagram)
    if updated != text:
        GUIDE.write_text(updated, encoding="utf-8")
        print(f"Updated the data-model diagram in {GUIDE.relative_to(GUIDE.parents[1])}.")
    else:
        print(f"The data-model diagram in {GUIDE.relative_to(GUIDE.parents[1])} is up to date.")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gentrack.settings")
    import django

    django.setup()
    sys.exit(main())
