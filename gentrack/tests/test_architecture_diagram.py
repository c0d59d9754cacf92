"""The data-model diagram in docs/architecture.md is the one the models draw
today, and the check that says so notices when they part."""

import pytest

from gentrack.diagram import (
    END_MARKER,
    GUIDE,
    START_MARKER,
    diagram_differences,
    extract_diagram,
    render_model_diagram,
    replace_diagram,
)


def test_the_data_model_diagram_in_the_architecture_guide_matches_the_models():
    documented = extract_diagram(GUIDE.read_text(encoding="utf-8"))

    differences = diagram_differences(documented, render_model_diagram())

    assert not differences, (
        "The data-model diagram in docs/architecture.md no longer matches the models; "
        f"run `make diagram` and commit the result.\n{differences}"
    )


def test_the_diagram_shows_fields_and_relations_and_the_check_notices_a_missing_line():
    rendered = render_model_diagram()
    lines = rendered.splitlines()

    assert lines[0] == "erDiagram"
    assert "        Char reference UK" in lines
    relation = "    Commitment }o--|| CommitmentMaker : maker"
    assert relation in lines
    assert "    Commitment }o--o{ Country : countries" in lines
    assert "    Commitment |o--|| Commitment : amends" in lines
    assert not diagram_differences(rendered, rendered)

    without_relation = "\n".join(line for line in lines if line != relation)

    differences = diagram_differences(without_relation, rendered)
    assert f"+{relation}" in differences.splitlines()


def test_history_tables_proxies_and_through_tables_stay_out_of_the_diagram():
    rendered = render_model_diagram()

    assert "Historical" not in rendered
    assert "AwaitingReview" not in rendered
    assert "_coalitions" not in rendered  # Commitment.coalitions' auto-created through table


def test_the_diagram_is_written_between_the_markers_and_read_back_unchanged():
    guide = f"# Guide\n\nBefore.\n\n{START_MARKER}\nstale\n{END_MARKER}\n\nAfter.\n"
    diagram = render_model_diagram()

    written = replace_diagram(guide, diagram)

    assert written.startswith("# Guide\n\nBefore.\n\n")
    assert written.endswith(f"{END_MARKER}\n\nAfter.\n")
    assert f"{START_MARKER}\n```mermaid\nerDiagram\n" in written
    assert extract_diagram(written) == diagram
    assert replace_diagram(written, diagram) == written


def test_a_guide_without_the_markers_is_refused():
    with pytest.raises(ValueError, match="model-diagram:start"):
        extract_diagram("# Architecture\n\nNo diagram here.\n")
