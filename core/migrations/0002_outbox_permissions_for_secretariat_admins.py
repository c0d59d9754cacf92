"""Secretariat admins read the outbox and may retry its messages from the
admin ("retry now" needs the change permission); reviewers do not see it."""

from django.db import migrations

SECRETARIAT_ADMINS = "Secretariat admins"
CODENAMES = ("view_outboxmessage", "change_outboxmessage")


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("core")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="core", codename__in=CODENAMES)
    for group in Group.objects.filter(name=SECRETARIAT_ADMINS):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_outbox_message"),
        ("commitments", "0004_roles"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
