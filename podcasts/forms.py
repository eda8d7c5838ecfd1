"""Admin forms: uploads of audio and transcripts are checked by content before anything changes."""

import uuid

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm

from . import audio, transcripts
from . import chapters as chapter_parser

ARTWORK_MIN, ARTWORK_MAX = 1400, 3000


def check_artwork(image):
    """Artwork as Apple Podcasts wants it, for a show and for an episode."""
    if image is None:
        return image
    if image.width != image.height:
        raise forms.ValidationError(
            _("The artwork must be square; this image is %(width)d × %(height)d pixels.")
            % {"width": image.width, "height": image.height}
        )
    if not ARTWORK_MIN <= image.width <= ARTWORK_MAX:
        raise forms.ValidationError(
            _("Podcast apps want artwork of 1400 to 3000 pixels wide; this one is %(width)d.")
            % {"width": image.width}
        )
    return image


class ShowPageForm(WagtailAdminPageForm):
    def clean_artwork(self):
        return check_artwork(self.cleaned_data.get("artwork"))


class EpisodePageForm(WagtailAdminPageForm):
    audio_upload = forms.FileField(
        label=_("Audio file (MP3 or M4A)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".mp3,.m4a,audio/mpeg,audio/mp4"}),
        help_text=_("Duration and size are read from the file."),
    )
    transcript_upload = forms.FileField(
        label=_("Transcript (WebVTT or SRT)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".vtt,.srt,text/vtt"}),
        help_text=_(
            "Speakers: in WebVTT with <v Name>, in SRT as 'Name: text' at the start of a line."
        ),
    )
    remove_transcript = forms.BooleanField(label=_("Remove the transcript"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._audio_info = None
        self._cues = None
        instance = self.instance
        if instance.audio_file:
            self.fields["audio_upload"].help_text = _(
                "Now: %(name)s (%(length)s, %(size).1f MB). Upload a file only to replace it."
            ) % {
                "name": instance.audio_file.name.rsplit("/", 1)[-1],
                "length": instance.duration_clock,
                "size": instance.audio_size / 1_000_000,
            }
        if instance.transcript:
            self.fields["transcript_upload"].help_text = _(
                "Now: %(name)s (%(count)d lines). Upload a file only to replace it."
            ) % {"name": instance.transcript_filename or "transcript", "count": len(instance.cues)}
        else:
            del self.fields["remove_transcript"]

    def clean_artwork(self):
        return check_artwork(self.cleaned_data.get("artwork"))

    def clean_audio_upload(self):
        upload = self.cleaned_data.get("audio_upload")
        if not upload:
            if not self.instance.audio_file:
                raise forms.ValidationError(_("An episode needs an audio file."))
            return None
        try:
            self._audio_info = audio.inspect(upload, upload.size)
        except audio.AudioError as error:
            raise forms.ValidationError(str(error)) from error
        return upload

    def clean_transcript_upload(self):
        upload = self.cleaned_data.get("transcript_upload")
        if not upload:
            return None
        if upload.size > transcripts.MAX_BYTES:
            raise forms.ValidationError(
                _("This file is larger than 2 MB; choose the transcript file (.vtt or .srt).")
            )
        try:
            self._cues = transcripts.parse(upload.read())
        except transcripts.TranscriptError as error:
            raise forms.ValidationError(
                _("This transcript cannot be used. %(problem)s") % {"problem": error}
            ) from error
        return upload

    def clean(self):
        cleaned = super().clean()
        duration = (
            self._audio_info.duration if self._audio_info else self.instance.audio_duration
        ) or None
        try:
            chapter_parser.parse(cleaned.get("chapters") or "", duration)
        except chapter_parser.ChapterError as error:
            self.add_error("chapters", str(error))
        return cleaned

    def save(self, commit=True):
        page = self.instance
        upload = self.cleaned_data.get("audio_upload")
        if upload and self._audio_info:
            info = self._audio_info
            name = f"{slugify(page.title)[:60] or 'aflevering'}-{uuid.uuid4().hex[:8]}"
            page.audio_file.save(f"{name}.{info.extension}", upload, save=False)
            page.audio_mime_type = info.mime_type
            page.audio_size = info.size
            page.audio_duration = info.duration
        if self._cues is not None:
            page.transcript = [cue.as_dict() for cue in self._cues]
            page.transcript_filename = self.cleaned_data["transcript_upload"].name[:255]
        elif self.cleaned_data.get("remove_transcript"):
            page.transcript = []
            page.transcript_filename = ""
        return super().save(commit=commit)
