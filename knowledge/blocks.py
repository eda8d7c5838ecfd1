"""StreamField blocks shared by knowledge products and learning activities."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "knowledge/blocks/heading.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("who said it"), required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "knowledge/blocks/quote.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[
            ("tip", _("Tip from practice")),
            ("attention", _("Watch out")),
            ("info", _("Good to know")),
        ],
        default="tip",
    )
    text = blocks.RichTextBlock(label=_("text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        template = "knowledge/blocks/callout.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        help_text=_("What the image shows, for people who cannot see it."),
        max_length=200,
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=200)

    class Meta:
        icon = "image"
        template = "knowledge/blocks/image.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    label = blocks.CharBlock(
        label=_("link text"),
        required=False,
        max_length=120,
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        template = "knowledge/blocks/document.html"


class FaqItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=200)
    answer = blocks.RichTextBlock(label=_("answer"), features=RICH_TEXT_FEATURES)


class FaqBlock(blocks.StructBlock):
    items = blocks.ListBlock(FaqItemBlock(), label=_("questions"))

    class Meta:
        icon = "list-ul"
        template = "knowledge/blocks/faq.html"


class BaseStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label=_("paragraph"),
        features=RICH_TEXT_FEATURES,
        template="knowledge/blocks/paragraph.html",
    )
    heading = HeadingBlock(label=_("heading"))
    quote = QuoteBlock(label=_("quote"))
    callout = CalloutBlock(label=_("callout"))
    image = ImageBlock(label=_("image"))
    document = DocumentBlock(label=_("document download"))
    embed = EmbedBlock(label=_("embedded video or audio"), max_width=800)
    table = TableBlock(label=_("table"), template="knowledge/blocks/table.html")
    faq = FaqBlock(label=_("questions and answers"))
