"""The admin's own URL parameters, checked so that bad ones answer 400 with a message, not 500.

Django's change list turns most bad filters into a redirect to "?e=1" and lets an
overflowing date navigation (?announced_on__year=99999999999999999999) escape as an
OverflowError; django-simple-history's history pages pass a non-numeric id straight
to the database.
"""

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.core.exceptions import BadRequest, ValidationError


class AdminInputMixin:
    def get_changelist_instance(self, request):
        try:
            return super().get_changelist_instance(request)
        except (IncorrectLookupParameters, OverflowError) as error:
            raise BadRequest(f"A filter in the address is not valid: {error}") from error

    def history_view(self, request, object_id, extra_context=None):
        self.check_id(self.opts.pk, unquote(object_id))
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self.check_id(self.opts.pk, unquote(object_id))
        self.check_id(self.model.history.model._meta.pk, version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    @staticmethod
    def check_id(field, value):
        try:
            field.to_python(value)
        except ValidationError as error:
            raise BadRequest(f"{value!r} is not a valid {field.verbose_name}.") from error
