from django_tasks import task


@task()
def warm_feed(show_id: int) -> str:
    """Build a show's feed into the cache, so no podcast app waits for the first build."""
    from . import feed
    from .models import PodcastShowPage

    show = PodcastShowPage.objects.live().filter(pk=show_id).first()
    if show is None:
        return "gone"
    feed.store(show)
    return "warm"
