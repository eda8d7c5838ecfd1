from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portaal"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        # Apps announce their home page blocks and demo content in home.py / demo.py.
        autodiscover_modules("home_blocks")
