from django import forms

from core.partial_dates import DatePrecision
from sources.models import Source, SourceKind

MAX_UPLOAD_BYTES = 2 * 1024 * 1024  # a news article's page is far smaller
UPLOAD_TYPES = (".html", ".htm", ".txt")


class ArticleForm(forms.Form):
    """Step one: the address and the text; step two adds what the text suggests."""

    url = forms.URLField(max_length=1000, assume_scheme="https", help_text="The article's address.")
    text = forms.CharField(
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "cols": 100}),
        help_text="The article's text, pasted as published.",
    )
    upload = forms.FileField(required=False, help_text="Or a saved page (.html) or text file (.txt).")
    title = forms.CharField(max_length=500, required=False)
    publisher = forms.CharField(max_length=200, required=False)
    kind = forms.ChoiceField(choices=SourceKind.choices, initial=SourceKind.NEWS)
    published_on = forms.DateField(required=False, help_text="The article's dateline, YYYY-MM-DD.")
    published_precision = forms.ChoiceField(choices=DatePrecision.choices, initial=DatePrecision.DAY)
    language = forms.CharField(max_length=3, initial="en", help_text="ISO 639-1 code: en, uk...")

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if not upload:
            return None
        if not upload.name.lower().endswith(UPLOAD_TYPES):
            raise forms.ValidationError("Upload a saved page (.html, .htm) or a text file (.txt).")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("This file is larger than 2 MB: upload the article's page only.")
        try:
            content = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise forms.ValidationError("This file is not UTF-8 text: save the page as UTF-8.") from error
        return upload.name, content

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("text", "").strip() and not cleaned.get("upload") and not self.errors:
            raise forms.ValidationError("Paste the article's text or upload its page.")
        return cleaned

    def existing_source(self) -> Source | None:
        return Source.objects.filter(url=self.cleaned_data["url"]).first()
