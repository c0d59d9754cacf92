"""Create (or find) the demo superuser that `make run` prints, so that a
newcomer can open /admin/ at once. Refuses outside DEBUG: production staff
accounts are made with `createsuperuser`."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

CREDENTIALS_FILE = Path(settings.BASE_DIR) / ".demo-credentials"


class Command(BaseCommand):
    help = "Create the demo superuser for development and print its credentials."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        if not settings.DEBUG:
            raise CommandError("demo_superuser only runs with DEBUG on; use createsuperuser in production.")
        User = get_user_model()
        password = None
        if CREDENTIALS_FILE.exists():
            saved_user, _, saved_password = CREDENTIALS_FILE.read_text().strip().partition(":")
            if saved_user == username:
                password = saved_password
        user = User.objects.filter(username=username).first()
        if user is None or password is None or not user.check_password(password):
            password = secrets.token_urlsafe(12)
            user = user or User(username=username, email=f"{username}@localhost")
            user.is_staff = user.is_superuser = user.is_active = True
            user.set_password(password)
            user.save()
            CREDENTIALS_FILE.write_text(f"{username}:{password}\n")
            CREDENTIALS_FILE.chmod(0o600)
        self.stdout.write(
            self.style.SUCCESS(
                f"\n  Secretariat admin: {settings.SITE_URL}/admin/\n  username: {username}\n  password: {password}\n"
            )
        )
