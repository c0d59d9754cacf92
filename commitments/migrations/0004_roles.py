"""The two secretariat roles, as auth groups every database starts with.

Reviewers decide on submitted commitments and progress reports, export data
and read everything. Secretariat admins do all that and also manage reference
data (coalitions, action areas, themes, countries, leaders), reporting cycles,
commitment makers and their members, imports, users and API tokens. Neither
may edit groups' permissions, so nobody raises their own rights through them.
"""

from django.db import migrations

REVIEWERS = "Reviewers"
SECRETARIAT_ADMINS = "Secretariat admins"

READ_APPS = ("coalitions", "commitments", "reporting")

REVIEWER_PERMISSIONS = [
    ("commitments", "review_commitment"),
    ("reporting", "review_progressreport"),
    ("commitments", "add_export"),
]

MANAGED_MODELS = [
    ("coalitions", "actioncoalition"),
    ("coalitions", "actionarea"),
    ("coalitions", "theme"),
    ("coalitions", "coalitionleader"),
    ("coalitions", "country"),
    ("reporting", "reportingcycle"),
    ("commitments", "commitmentmaker"),
    ("commitments", "membership"),
    ("commitments", "joinrequest"),
    ("auth", "user"),
    ("authtoken", "token"),
    ("authtoken", "tokenproxy"),
]

ADMIN_EXTRA_PERMISSIONS = [
    ("commitments", "add_importjob"),
    ("reporting", "add_accountabilityreport"),
    ("auth", "view_group"),
]


def _ensure_permissions(apps):
    """Permissions are normally created after all migrations ran; create them
    now so that a fresh database gets complete groups."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_roles(apps, schema_editor):
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def perms(pairs):
        found = []
        for app_label, codename in pairs:
            found.extend(Permission.objects.filter(content_type__app_label=app_label, codename=codename))
        return found

    viewing = list(
        Permission.objects.filter(content_type__app_label__in=READ_APPS, codename__startswith="view_")
    )
    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS)
    reviewers.permissions.add(*viewing, *perms(REVIEWER_PERMISSIONS))

    managing = []
    for app_label, model in MANAGED_MODELS:
        managing.extend(
            Permission.objects.filter(content_type__app_label=app_label, content_type__model=model)
        )
    admins, _ = Group.objects.get_or_create(name=SECRETARIAT_ADMINS)
    admins.permissions.add(*viewing, *perms(REVIEWER_PERMISSIONS), *managing, *perms(ADMIN_EXTRA_PERMISSIONS))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[REVIEWERS, SECRETARIAT_ADMINS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("commitments", "0003_review_queues_and_jobs"),
        ("coalitions", "0003_load_reference_data"),
        ("reporting", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("authtoken", "0004_alter_tokenproxy_options"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
