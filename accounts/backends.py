"""Authentication backends whose permissions follow the one membership rule.

Group permissions (the Wagtail admin, approving registrations, editing snippets) belong to
members only: an account whose approval was withdrawn, or that never verified its address,
holds none of them, whatever groups it is still in.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from allauth.account.auth_backends import AuthenticationBackend

from . import access


class _MembersHoldPermissions:
    def get_user(self, user_id):
        # The planned account deletion comes along in the same query: the banner on every page
        # asks for it (accounts.context_processors).
        user_model = get_user_model()
        try:
            user = user_model._default_manager.select_related("erasure_request").get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def get_user_permissions(self, user_obj, obj=None):
        return super().get_user_permissions(user_obj, obj) if access.is_member(user_obj) else set()

    def get_group_permissions(self, user_obj, obj=None):
        return super().get_group_permissions(user_obj, obj) if access.is_member(user_obj) else set()

    def get_all_permissions(self, user_obj, obj=None):
        return super().get_all_permissions(user_obj, obj) if access.is_member(user_obj) else set()

    def has_perm(self, user_obj, perm, obj=None):
        return access.is_member(user_obj) and super().has_perm(user_obj, perm, obj)

    def has_module_perms(self, user_obj, app_label):
        return access.is_member(user_obj) and super().has_module_perms(user_obj, app_label)


class MemberModelBackend(_MembersHoldPermissions, ModelBackend):
    pass


class MemberAuthenticationBackend(_MembersHoldPermissions, AuthenticationBackend):
    pass
