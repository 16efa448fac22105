from django.apps import AppConfig


class OpendataConfig(AppConfig):
    """Numbered releases of the dataset with their changelogs, and the Atom feeds."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "opendata"
    verbose_name = "Open data releases"
