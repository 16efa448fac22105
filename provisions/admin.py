from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from provisions.models import AgreementProvision, Provision
from provisions.services import agreement_provision_save
from sources.admin import citation_inline


@admin.register(Provision)
class ProvisionAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "value_type", "position"]
    list_filter = ["value_type"]
    search_fields = ["name", "slug", "question"]


@admin.register(AgreementProvision)
class AgreementProvisionAdmin(SimpleHistoryAdmin):
    list_display = ["agreement", "provision", "answer", "choice", "number", "unit", "binds"]
    list_filter = ["answer", "provision"]
    list_select_related = ["agreement", "provision"]
    search_fields = ["agreement__title", "provision__name", "conditions", "passage"]
    autocomplete_fields = ["agreement", "provision", "dispute"]
    inlines = [citation_inline("agreement_provision")]

    def save_model(self, request, obj, form, change):
        agreement_provision_save(cell=obj)
