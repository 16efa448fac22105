from django.apps import AppConfig


class DonorsConfig(AppConfig):
    name = "donors"
    verbose_name = "Parties and people"
