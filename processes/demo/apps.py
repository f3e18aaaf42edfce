from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "processes.demo"
    label = "demo"
    verbose_name = "Demo company"
