from django.apps import AppConfig


class CompanyConfig(AppConfig):
    name = "processes.company"
    label = "company"
    verbose_name = "Company details"
