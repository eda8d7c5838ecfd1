"""The Wagtail image form (WAGTAILIMAGES_IMAGE_FORM_BASE): a damaged upload is refused."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, refusing files that Pillow cannot decode.

    Wagtail reads only the header to recognise an image, then decodes it to count
    its pixels; a truncated JPEG or a broken PNG raises there (OSError, SyntaxError,
    ...), which would be a 500 on every upload page.
    """

    def to_python(self, data):
        try:
            return super().to_python(data)
        except ValidationError:
            raise
        except Exception as error:
            raise ValidationError(
                _("This image is damaged or incomplete: save it again and upload it once more."),
                code="damaged_image",
            ) from error


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if type(field) is WagtailImageField:
            # Wagtail builds the field itself (wagtail.images.forms.formfield_for_dbfield);
            # switching its class keeps every option it was given.
            field.__class__ = CheckedImageField
