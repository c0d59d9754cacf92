"""The secretariat edits reference data in every language in the admin."""

import pytest
from django.urls import reverse
from django.utils import translation

from coalitions.models import ActionCoalition, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "x"))
    return client


def test_the_coalition_form_shows_every_language_filled_by_the_migration(superuser_client):
    coalition = ActionCoalition.objects.get(slug="gender-based-violence")

    page = superuser_client.get(
        reverse("admin:coalitions_actioncoalition_change", args=[coalition.pk])
    ).content.decode()

    for field in ("name_en", "name_fr", "name_es", "name_ar", "name_ru", "name_zh_hans", "title_fr"):
        assert f'name="{field}"' in page or f'-{field}"' in page, field
    assert "Violence basée sur le genre" in page
    assert "基于性别的暴力" in page


def test_a_translation_saved_in_the_admin_is_what_readers_of_that_language_see(superuser_client):
    theme = Theme.objects.get(slug="education")
    url = reverse("admin:coalitions_theme_change", args=[theme.pk])
    form = {"slug": theme.slug, "name_en": "Education", "description_en": theme.description_en}
    form |= {f"name_{code}": getattr(theme, f"name_{code}") for code in ("fr", "es", "ar", "ru", "zh_hans")}
    form |= {f"description_{code}": "" for code in ("fr", "es", "ar", "ru", "zh_hans")}
    form["name_fr"] = "Éducation et formation"

    response = superuser_client.post(url, form)

    assert response.status_code == 302, response.content.decode()[:2000]
    theme.refresh_from_db()
    with translation.override("fr"):
        assert theme.name == "Éducation et formation"
        assert theme.description == theme.description_en  # an empty language shows English
