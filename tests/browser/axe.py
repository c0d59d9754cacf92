"""Run axe-core (vendored from the npm registry under vendor/) in a
Playwright page and report the violations that would stop someone using it.

    from tests.browser.axe import assert_accessible
    page.goto("/my/commitments/new/")
    assert_accessible(page)
"""

from pathlib import Path

AXE_SCRIPT = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")


def axe_violations(page, impacts=BLOCKING_IMPACTS, options=None):
    """The axe violations on the page as it stands, keeping those of the
    given impacts. Injects axe once per document."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol rather than added as a
        # <script> tag, which the site's Content-Security-Policy refuses as
        # an inline script (as it should).
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate("async (options) => await window.axe.run(document, options)", options or {})
    return [violation for violation in result["violations"] if violation["impact"] in impacts]


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:5]:
            lines.append(
                f"    at {' '.join(map(str, node['target']))}: {node.get('failureSummary', '').splitlines()[-1:]}"
            )
    return "\n".join(lines)


def assert_accessible(page, label=None, impacts=BLOCKING_IMPACTS):
    """Fail with a readable list when axe finds a serious or critical
    violation on the current page."""
    violations = axe_violations(page, impacts=impacts)
    where = label or page.url
    assert not violations, f"axe found {len(violations)} blocking violation(s) on {where}:\n{describe(violations)}"
