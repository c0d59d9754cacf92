"""Load the coalitions, their action areas, the cross-cutting themes and the
country-to-region map, so that every database starts with them."""

from django.db import migrations


def load(apps, schema_editor):
    from django_countries import countries

    from coalitions.reference_data import COALITIONS, COUNTRY_REGIONS, THEMES

    Country = apps.get_model("coalitions", "Country")
    ActionCoalition = apps.get_model("coalitions", "ActionCoalition")
    ActionArea = apps.get_model("coalitions", "ActionArea")
    Theme = apps.get_model("coalitions", "Theme")

    names = dict(countries.countries)
    for code, region in COUNTRY_REGIONS.items():
        name = names.get(code, code)
        Country.objects.update_or_create(code=code, defaults={"name": str(name), "region": region})

    for entry in COALITIONS:
        fields = {key: value for key, value in entry.items() if key not in ("slug", "action_areas")}
        coalition, _ = ActionCoalition.objects.update_or_create(slug=entry["slug"], defaults=fields)
        for area in entry["action_areas"]:
            ActionArea.objects.update_or_create(
                coalition=coalition,
                number=area["number"],
                defaults={"title": area["title"], "description": area["description"]},
            )

    for theme in THEMES:
        Theme.objects.update_or_create(
            slug=theme["slug"], defaults={"name": theme["name"], "description": theme["description"]}
        )


class Migration(migrations.Migration):
    dependencies = [("coalitions", "0002_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
