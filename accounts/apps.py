from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import roles, signals  # noqa: F401 (signals registers its receivers)

        # Groups and their permissions exist after every migrate, also on a fresh database.
        post_migrate.connect(roles.ensure_groups_after_migrate, sender=self)

        import search

        search.register_audiences(roles.search_audiences)
