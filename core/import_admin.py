"""The admin's CSV import (django-import-export's ImportMixin) with the project's rules.

- Confirm is all or nothing (the resource rolls back on any error, see
  core.imports): a row refused at confirm (data changed since the preview) leaves
  nothing written, and the page names the row and column instead of a success.
- The preview is a summary (counts, the first errors, the changed columns, every
  deletion), not every row, so a file of 10,000 rows stays readable and fast.
- Nothing is deleted unless the user may delete the links concerned and ticks
  "delete links missing from the file"; see core.imports.
"""

from django import forms
from django.contrib import messages
from django.template.response import TemplateResponse
from import_export.admin import ImportMixin
from import_export.forms import ConfirmImportForm, ImportForm

from core.imports import SHOWN_ERRORS

DELETE_LABEL = "Also delete links missing from the file"
DELETE_HELP = (
    "Without this, an import only adds and changes: links a row no longer lists "
    "(members, parties, areas) are kept. With it, they are deleted; the preview lists each one."
)


class SpreadsheetImportForm(ImportForm):
    delete_missing = forms.BooleanField(required=False, label=DELETE_LABEL, help_text=DELETE_HELP)


class SpreadsheetConfirmForm(ConfirmImportForm):
    delete_missing = forms.BooleanField(required=False, widget=forms.HiddenInput())


class SpreadsheetImportMixin(ImportMixin):
    """ImportMixin for the data apps' admins. `import_link_models`: the models of the
    links an import of this model may delete (delete permission on all is needed)."""

    import_template_name = "admin/spreadsheet_import.html"
    import_form_class = SpreadsheetImportForm
    confirm_form_class = SpreadsheetConfirmForm
    import_link_models: tuple = ()

    def may_delete_links(self, request) -> bool:
        return bool(self.import_link_models) and all(
            request.user.has_perm(f"{model._meta.app_label}.delete_{model._meta.model_name}")
            for model in self.import_link_models
        )

    def offered_to(self, request, form):
        """The form, without the delete option for a user who may not delete."""
        if not self.may_delete_links(request):
            del form.fields["delete_missing"]
        return form

    def create_import_form(self, request):
        return self.offered_to(request, super().create_import_form(request))

    def create_confirm_form(self, request, import_form=None):
        return self.offered_to(request, super().create_confirm_form(request, import_form))

    def get_confirm_form_initial(self, request, import_form):
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["delete_missing"] = import_form.cleaned_data.get("delete_missing", False)
        return initial

    def get_import_resource_kwargs(self, request, **kwargs):
        resource_kwargs = super().get_import_resource_kwargs(request, **kwargs)
        cleaned = getattr(kwargs.get("form"), "cleaned_data", {})
        resource_kwargs["delete_missing"] = bool(cleaned.get("delete_missing")) and self.may_delete_links(
            request
        )
        return resource_kwargs

    def get_import_context_data(self, **kwargs):
        context = super().get_import_context_data(**kwargs)
        context["shown_errors"] = SHOWN_ERRORS
        return context

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            return self.confirm_refused(request, result)
        return super().process_result(result, request)

    def confirm_refused(self, request, result):
        """The import page again, with why nothing was imported."""
        messages.error(request, "Nothing was imported: the file was refused at confirm (see below).")
        form_class = self.get_import_form_class(request)
        form = self.offered_to(
            request, form_class(self.get_import_formats(), self.get_import_resource_classes(request))
        )
        context = {
            **self.get_import_context_data(),
            **self.admin_site.each_context(request),
            "title": "Import",
            "form": form,
            "opts": self.model._meta,
            "media": self.media + form.media,
            "result": result,
            "import_error_display": self.import_error_display,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, [self.import_template_name], context)

    def add_success_message(self, result, request):
        totals = result.totals
        deleted = len(result.summary.deletions) if hasattr(result, "summary") else 0
        messages.success(
            request,
            f"Import finished: {totals['new']} new, {totals['update']} updated, {totals['skip']} unchanged "
            f"{self.model._meta.verbose_name_plural}; {deleted} links deleted.",
        )
