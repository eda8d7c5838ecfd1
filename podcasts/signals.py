"""Keep the cached feeds current: any change that reaches the public empties the show's feed."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import feed, tasks
from .models import EpisodePage, PodcastShowPage


def _show_ids(page) -> set[int]:
    if isinstance(page, PodcastShowPage):
        return {page.pk}
    parent = page.get_parent() if page.depth and page.path else None
    return {parent.pk} if parent is not None else set()


def _forget(show_ids: set[int]) -> None:
    for show_id in show_ids:
        feed.invalidate(show_id)

    # A page saved inside a transaction may be read by a feed request before the commit;
    # forgetting again afterwards keeps that early reader's copy out of the cache. Then the
    # worker builds the new feed, so podcast apps never wait for it.
    def after_commit():
        for show_id in show_ids:
            feed.invalidate(show_id)
            tasks.warm_feed.enqueue(show_id)

    transaction.on_commit(after_commit)


@receiver(page_published)
@receiver(page_unpublished)
def _page_changed(sender, instance, **kwargs):
    if isinstance(instance, EpisodePage | PodcastShowPage):
        _forget(_show_ids(instance))


@receiver(post_delete, sender=EpisodePage)
@receiver(post_delete, sender=PodcastShowPage)
def _page_deleted(sender, instance, **kwargs):
    parent_path = instance.path[: -instance.steplen]
    parents = PodcastShowPage.objects.filter(path=parent_path).values_list("pk", flat=True)
    _forget({instance.pk, *parents} if isinstance(instance, PodcastShowPage) else set(parents))


@receiver(post_page_move)
def _page_moved(sender, instance, parent_page_before, parent_page_after, **kwargs):
    if isinstance(instance.specific, EpisodePage | PodcastShowPage):
        _forget({parent_page_before.pk, parent_page_after.pk, instance.pk})


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def _privacy_changed(sender, instance, **kwargs):
    # Private episodes leave the public feed; there are only a few shows.
    _forget(set(PodcastShowPage.objects.values_list("pk", flat=True)))
