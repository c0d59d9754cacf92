"""English inside an Arabic page (and Arabic inside an English one) keeps its
punctuation on its own side: every piece of user-written text carries
dir="auto", on the pages where it is most often read."""

import pytest

from commitments.models import Commitment
from commitments.tests.factories import CommitmentFactory, MembershipFactory

pytestmark = pytest.mark.django_db

TITLE = "Digital skills for 10,000 girls (Kenya)."
MAKER = "Réseau des femmes rurales"


@pytest.fixture
def commitment():
    membership = MembershipFactory(role="owner", maker__name=MAKER)
    return CommitmentFactory(
        maker=membership.maker, title=TITLE, description="Training, mentoring.", status=Commitment.Status.APPROVED
    )


def test_the_catalogue_commitment_and_maker_pages_mark_user_text_in_arabic(client, commitment):
    catalogue = client.get("/ar/commitments/").content.decode()
    detail = client.get(f"/ar/commitments/{commitment.reference}/").content.decode()
    # In English: the maker page fails in other languages on main (FieldError, i14-ref).
    maker = client.get(f"/makers/{commitment.maker_id}/").content.decode()

    assert f'dir="auto">{TITLE}</a>' in catalogue
    assert f'dir="auto">{MAKER}</a>' in catalogue
    assert f'<h1 dir="auto">{TITLE}</h1>' in detail
    assert f'dir="auto">{MAKER}</a>' in detail
    assert '<div class="prose" dir="auto"><p>Training, mentoring.</p></div>' in detail
    assert f'<span dir="auto">{MAKER}</span>' in maker


def test_the_workspace_marks_the_makers_own_titles(client, commitment):
    client.force_login(commitment.maker.memberships.get().user)

    home = client.get("/ar/my/").content.decode()
    page = client.get(f"/ar/my/commitments/{commitment.pk}/").content.decode()

    assert f'dir="auto">{TITLE}</a>' in home
    assert f'<h1 dir="auto">{TITLE}</h1>' in page
