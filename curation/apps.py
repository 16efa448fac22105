from django.apps import AppConfig


class CurationConfig(AppConfig):
    name = "curation"
    verbose_name = "curated data files"
