from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError

from core.permissions import EDITORS_GROUP

LOCAL_USERS = {
    # username: (password, superuser?)
    "admin": ("admin", True),
    "editor": ("editor", False),
}


class Command(BaseCommand):
    help = "Create the local logins 'admin' and 'editor' (local development only, needs DEBUG)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Refusing to create well-known logins unless DEBUG is on.")
        editors = Group.objects.get(name=EDITORS_GROUP)
        for username, (password, is_superuser) in LOCAL_USERS.items():
            user, _ = User.objects.get_or_create(username=username)
            user.is_staff = True
            user.is_superuser = is_superuser
            user.set_password(password)
            user.save()
            if not is_superuser:
                user.groups.add(editors)
            self.stdout.write(f"Admin login: {username} / {password}")
