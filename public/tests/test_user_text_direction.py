"""English inside an Arabic page (and Arabic inside an English one) keeps its
punctuation on its own side: every piece of user-written text carries
dir="auto", on the pages where it is most often read."""

import pytest

from coalitions.models import CoalitionLeader
from commitments.models import Commitment
from commitments.tests.factories import CommitmentFactory, MembershipFactory, ReviewerFactory

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

    assert f'dir="auto" lang="en">{TITLE}</a>' in catalogue
    assert f'dir="auto">{MAKER}</a>' in catalogue
    # Written in English, which the Arabic page says of the text itself too.
    assert f'<h1 dir="auto" lang="en">{TITLE}</h1>' in detail
    assert f'dir="auto">{MAKER}</a>' in detail
    assert '<div class="prose" dir="auto" lang="en"><p>Training, mentoring.</p></div>' in detail
    assert f'<span dir="auto">{MAKER}</span>' in maker


def test_the_workspace_marks_the_makers_own_titles(client, commitment):
    client.force_login(commitment.maker.memberships.get().user)

    home = client.get("/ar/my/").content.decode()
    page = client.get(f"/ar/my/commitments/{commitment.pk}/").content.decode()

    assert f'dir="auto">{TITLE}</a>' in home
    assert f'<h1 dir="auto">{TITLE}</h1>' in page


def test_the_country_and_coalition_pages_mark_makers_names_even_inside_a_sentence(client, commitment):
    commitment.countries.set(["KE"])
    commitment.maker.country_id = "KE"
    commitment.maker.save()
    coalition = commitment.coalitions.get()
    CoalitionLeader.objects.create(coalition=coalition, maker=commitment.maker, since=2021)

    country = client.get("/ar/countries/KE/").content.decode()
    coalition_page = client.get(f"/ar/coalitions/{coalition.slug}/").content.decode()

    assert f'dir="auto">{MAKER}</a>' in country
    assert f"<bdi>{MAKER}</bdi>" in country
    assert f'dir="auto">{MAKER}</a>' in coalition_page


def test_text_boxes_run_in_the_direction_of_what_is_typed_in_them(client, commitment):
    client.force_login(commitment.maker.memberships.get().user)
    form = client.get("/ar/my/commitments/new/").content.decode()
    client.force_login(ReviewerFactory(is_superuser=True))
    admin = client.get(f"/ar/admin/commitments/commitment/{commitment.pk}/change/").content.decode()

    for page in (form, admin):
        assert '<input type="text" name="title"' in page
        title_box = page.split('<input type="text" name="title"', 1)[1].split(">", 1)[0]
        assert 'dir="auto"' in title_box
        assert '<textarea name="description"' in page
        assert 'dir="auto"' in page.split('<textarea name="description"', 1)[1].split(">", 1)[0]
    # An e-mail address keeps the page's direction.
    assert 'type="email"' not in form or 'dir="auto"' not in form.split('type="email"', 1)[1].split(">", 1)[0]
