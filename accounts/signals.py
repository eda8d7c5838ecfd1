from django.db import transaction
from django.dispatch import receiver

from allauth.account.signals import user_signed_up

from . import tasks


@receiver(user_signed_up)
def tell_staff_about_a_waiting_registration(request, user, **kwargs):
    # Sent after allauth has saved the whole form, profile fields included; the
    # adapter's save_user runs before the organisation and region are set.
    if user.is_pending_approval:
        transaction.on_commit(lambda: tasks.notify_staff_of_registration.enqueue(user.pk))
