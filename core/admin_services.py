"""Admin inlines that write through the service functions, as every write must."""

from django.forms.models import BaseInlineFormSet


class ServiceFormSet(BaseInlineFormSet):
    """An inline formset whose rows are saved by `save_row` and deleted by `delete_row`
    (a subclass calls the app's service there), not by the model's save() and delete()."""

    def save_row(self, obj):
        raise NotImplementedError

    def delete_row(self, obj) -> None:
        obj.delete()

    def save_new(self, form, commit=True):
        obj = super().save_new(form, commit=False)  # sets the parent, unsaved
        return self._save(form, obj) if commit else obj

    def save_existing(self, form, obj, commit=True):
        obj = super().save_existing(form, obj, commit=False)
        return self._save(form, obj) if commit else obj

    def _save(self, form, obj):
        obj = self.save_row(obj)
        form.save_m2m()
        return obj

    def delete_existing(self, obj, commit=True):
        if commit:
            self.delete_row(obj)
