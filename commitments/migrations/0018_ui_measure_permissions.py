"""The secretariat's roles see the measures of commitments and reports
(the admin's read-only inlines need the view permission), and Secretariat
admins keep the catalogue of standard indicators, like the rest of the
reference data."""

from django.db import migrations

REVIEWERS = "Reviewers"
SECRETARIAT_ADMINS = "Secretariat admins"

VIEWED = [
    ("coalitions", "standardindicator"),
    ("commitments", "deliverable"),
    ("commitments", "indicator"),
    ("reporting", "indicatorresult"),
    ("reporting", "resultbreakdown"),
    ("reporting", "deliverableupdate"),
]
MANAGED = [("coalitions", "standardindicator")]


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for label in ("coalitions", "commitments", "reporting"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permissions(pairs, prefix=""):
        found = []
        for app_label, model in pairs:
            found.extend(
                Permission.objects.filter(
                    content_type__app_label=app_label, content_type__model=model, codename__startswith=prefix
                )
            )
        return found

    viewing = permissions(VIEWED, "view_")
    for group in Group.objects.filter(name=REVIEWERS):
        group.permissions.add(*viewing)
    for group in Group.objects.filter(name=SECRETARIAT_ADMINS):
        group.permissions.add(*viewing, *permissions(MANAGED))


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0017_fill_smart_scores"),
        ("coalitions", "0005_standard_indicators"),
        ("reporting", "0004_results"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
